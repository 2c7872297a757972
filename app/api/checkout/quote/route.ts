import { z } from 'zod';
import { readCart } from '@/lib/cart/cart-session';
import { jsonError, readJsonBody } from '@/lib/http/json-api';
import { quoteCart, toQuoteJson } from '@/lib/pricing/quote-cart';
import { firstIssue } from '@/lib/refunds/refund-input';
import { getStore, StoreUnavailableError } from '@/lib/store/store-client';
import { getStripe } from '@/lib/stripe/stripe-server';

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .trim()
    .max(max, `${name} is too long`)
    .optional();

const bodySchema = z
  .object({
    address: z
      .object({
        country: z
          .string({ error: 'address.country is required' })
          .regex(/^[A-Za-z]{2}$/, 'address.country must be a two-letter country code, e.g. US')
          .transform((value) => value.toUpperCase()),
        state: text('address.state', 60),
        postal_code: text('address.postal_code', 20),
        city: text('address.city', 100),
        line1: text('address.line1', 200),
      })
      .strict(),
    shipping_rate: z
      .enum(['standard', 'express'], { error: 'shipping_rate must be standard or express' })
      .optional(),
    discount_code: z
      .string({ error: 'discount_code must be a string' })
      .max(32, 'That discount code does not exist.')
      .optional(),
  })
  .strict();

/**
 * `POST /api/checkout/quote`: what the current cart costs delivered to an
 * address, with a rate and a code: shipping, Stripe Tax and the total. It
 * changes nothing (the cart, its code and its PaymentIntent stay as they are).
 */
export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = bodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const { address, shipping_rate, discount_code } = parsed.data;
  let result: Awaited<ReturnType<typeof quoteCart>>;
  try {
    result = await quoteCart({ store: getStore(), stripe: getStripe() }, await readCart(), {
      destination: {
        country: address.country,
        state: address.state ?? null,
        postalCode: address.postal_code ?? null,
        city: address.city ?? null,
        line1: address.line1 ?? null,
      },
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
