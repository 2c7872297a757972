import { seeOther } from '@/lib/http/see-other';
import { leaveHostedForRequest } from '@/lib/checkout/hosted-checkout-request';

async function leave(request: Request) {
  return seeOther(await leaveHostedForRequest(request.headers));
}

/** Stripe's "Back" link (the session's cancel_url): a plain navigation. */
export function GET(request: Request) {
  return leave(request);
}

/** "Pay here instead" on the checkout page. */
export function POST(request: Request) {
  return leave(request);
}
