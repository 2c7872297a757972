import { readCart } from '@/lib/cart/cart-session';
import { jsonError, readJsonBody } from '@/lib/http/json-api';
import { toDestination } from '@/lib/pricing/address-input';
import { quoteCart, toQuoteJson } from '@/lib/pricing/quote-cart';
import { quoteBodySchema } from '@/lib/pricing/quote-input';
import { firstIssue } from '@/lib/refunds/refund-input';
import { getStore, StoreUnavailableError } from '@/lib/store/store-client';
import { getStripe } from '@/lib/stripe/stripe-server';

/**
 * `POST /api/checkout/quote`: what the current cart costs delivered to an
 * address, with a rate and a code: shipping, Stripe Tax and the total. It
 * changes nothing (the cart, its code and its PaymentIntent stay as they are).
 */
export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = quoteBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const { address, shipping_rate, discount_code } = parsed.data;
  let result: Awaited<ReturnType<typeof quoteCart>>;
  try {
    result = await quoteCart({ store: getStore(), stripe: getStripe() }, await readCart(), {
      destination: toDestination(address),
      shippingRate: shipping_rate ?? null,
      discountCode: discount_code ?? null,
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return jsonError(503, error.userMessage);
    throw error;
  }
  if (!result.ok) return jsonError(result.status, result.message, result.field);
  return Response.json(toQuoteJson(result.quote), { headers: { 'Cache-Control': 'no-store' } });
}
