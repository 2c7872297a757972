/**
 * The hosted-Checkout JSON API: `POST /api/checkout/session` starts (or
 * resumes) the current cart's Checkout Session, `GET /api/checkout/session/{id}`
 * reads one of this shopper's. Same-origin and JSON rules as the cart API.
 */
import 'server-only';
import { z } from 'zod';
import { readCart } from '../cart/cart-session';
import { jsonError, readJsonBody } from '../http/json-api';
import { requestLogger } from '../log/logger';
import { firstIssue } from '../refunds/refund-input';
import { checkoutDeps } from './checkout-deps';
import { sessionOfShopper, startHostedForRequest } from './hosted-checkout-request';

export const checkoutSessionRequestSchema = z
  .object({
    country: z
      .string({ error: 'country is required' })
      .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter country code, e.g. US')
      .transform((value) => value.toUpperCase())
      .meta({ description: 'Where the order ships: Stripe’s page offers this country only.' }),
  })
  .strict();

export type CheckoutSessionJson = { url: string; session_id: string };

export type CheckoutSessionStatusJson = {
  /** Stripe's: open, complete or expired (strings, as the SDK types them). */
  status: string;
  /** Stripe's: paid, unpaid or no_payment_required. */
  payment_status: string;
  amount_total: number | null;
  currency: string | null;
  customer_email: string | null;
  order_id: string | null;
};

export async function createCheckoutSessionForRequest(request: Request): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = checkoutSessionRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const outcome = await startHostedForRequest(request.headers, parsed.data.country);
  switch (outcome.kind) {
    case 'redirect': {
      const body: CheckoutSessionJson = {
        url: outcome.url,
        session_id: outcome.checkoutSessionId,
      };
      return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
    }
    case 'empty':
      return jsonError(422, 'Your cart is empty.');
    case 'unsupported_country':
      return jsonError(422, outcome.message, 'country');
    case 'code_refused':
      return jsonError(422, outcome.message, 'discount_code');
    case 'out_of_stock':
      return jsonError(409, outcome.message, 'items');
    case 'paid':
      return jsonError(409, 'This cart was paid already.');
    case 'paying':
      return jsonError(
        409,
        'A payment for this cart is going through; it cannot be paid another way.',
      );
    case 'rate_limited':
      return Response.json(
        { error: { message: 'Too many checkout attempts; try again later.', field: null } },
        { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
      );
    case 'unavailable':
      return jsonError(503, 'Stripe’s payment page is not available right now; try again.');
  }
}

export async function checkoutSessionStatusForRequest(
  request: Request,
  id: string,
): Promise<Response> {
  const deps = checkoutDeps(requestLogger(request.headers));
  const session = await sessionOfShopper(deps, await readCart(), id);
  if (!session) return jsonError(404, 'No such Checkout Session.', 'id');
  const body: CheckoutSessionStatusJson = {
    status: session.status ?? 'open',
    payment_status: session.payment_status,
    amount_total: session.amount_total,
    currency: session.currency,
    customer_email: session.customer_details?.email ?? session.customer_email ?? null,
    order_id: session.metadata?.order_id ?? null,
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
