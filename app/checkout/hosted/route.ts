import { seeOther } from '@/lib/http/see-other';
import { hostedRedirectPath, startHostedForRequest } from '@/lib/checkout/hosted-checkout-request';

/** "Pay on a secure Stripe page" (a plain form post): to the cart's Checkout Session. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const country = form?.get('country');
  const outcome = await startHostedForRequest(
    request.headers,
    typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? country : '',
  );
  return seeOther(hostedRedirectPath(outcome));
}
