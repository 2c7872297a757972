/**
 * `POST /api/checkout/payment-intent`: the current cart's one PaymentIntent,
 * prepared exactly as the checkout page prepares it (keyed by the cart UUID,
 * rate-limited), and, given an address, quoted for it in place. The body never
 * carries an amount: the server prices everything.
 */
import 'server-only';
import { z } from 'zod';
import { readCart } from '../cart/cart-session';
import { jsonError, readJsonBody } from '../http/json-api';
import { addressSchema, shippingRateSchema, toDestination } from '../pricing/address-input';
import { firstIssue } from '../refunds/refund-input';
import { prepareCheckout, requoteForRequest } from './prepare-checkout';

export const paymentIntentRequestSchema = z
  .object({ address: addressSchema.optional(), shipping_rate: shippingRateSchema.optional() })
  .strict();

export type PaymentIntentJson = {
  client_secret: string;
  payment_intent_id: string;
  amount: number;
  currency: string;
  order_id: string;
};

export async function createPaymentIntentForRequest(request: Request): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = paymentIntentRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const cart = await readCart();
  const prepared = await prepareCheckout(cart, request.headers);
  switch (prepared.kind) {
    case 'empty':
      return jsonError(422, 'Your cart is empty.');
    case 'paid':
      return jsonError(409, `This cart was paid already: order ${prepared.orderId}.`);
    case 'restart':
      return jsonError(
        409,
        'Your cart or its prices changed since checkout started; change the cart to start again. Nothing was charged.',
      );
    case 'code_refused':
      return jsonError(422, prepared.message, 'discount_code');
    case 'out_of_stock':
      return jsonError(409, prepared.message, 'items');
    case 'hosted':
      return jsonError(
        409,
        `This cart is being paid on Stripe's page (${prepared.url}); nothing was charged here.`,
      );
    case 'unavailable':
      return jsonError(503, prepared.message);
    case 'rate_limited':
      return Response.json(
        {
          error: {
            message: `Too many ${prepared.reason === 'declines' ? 'declined payments' : 'checkout attempts'}; try again later. Nothing was charged.`,
            field: null,
          },
        },
        { status: 429, headers: { 'Retry-After': String(prepared.retryAfterSeconds) } },
      );
  }
  let amount = prepared.amount;
  const { address, shipping_rate } = parsed.data;
  if (address) {
    const quoted = await requoteForRequest(cart.id, toDestination(address), shipping_rate ?? null);
    if (!quoted.ok) {
      return quoted.reason === 'refused'
        ? jsonError(quoted.status ?? 422, quoted.message, quoted.field ?? 'address')
        : jsonError(409, quoted.message);
    }
    amount = quoted.totals.total;
  }
  const body: PaymentIntentJson = {
    client_secret: prepared.record.clientSecret,
    payment_intent_id: prepared.record.paymentIntentId,
    amount,
    currency: prepared.record.currency,
    order_id: prepared.record.orderId,
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
