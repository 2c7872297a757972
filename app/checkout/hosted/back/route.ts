import { leaveHostedForRequest } from '@/lib/checkout/hosted-checkout-request';

async function leave(request: Request) {
  return Response.redirect(new URL(await leaveHostedForRequest(request.headers), request.url), 303);
}

/** Stripe's "Back" link (the session's cancel_url): a plain navigation. */
export function GET(request: Request) {
  return leave(request);
}

/** "Pay here instead" on the checkout page. */
export function POST(request: Request) {
  return leave(request);
}
