/**
 * What an operator may ask of a refund, checked before anything reaches
 * Stripe. Amounts are integer minor units of the order's currency.
 */
import { z } from 'zod';
import { REFUND_REASONS, type RefundReason } from '../orders/order-events';

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
/** An operator's own key for `POST /api/admin/refunds`: 8 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

const amountSchema = z
  .number({ error: 'amount must be a number: integer minor units, e.g. 1250 for $12.50' })
  .int('amount must be a whole number of minor units (cents), e.g. 1250 for $12.50')
  .positive('amount must be more than zero')
  .max(99_999_999, 'amount is larger than any order');

const reasonSchema = z.enum(REFUND_REASONS, {
  error: `reason must be one of ${REFUND_REASONS.join(', ')}`,
});

const requestIdSchema = z
  .string({ error: 'request_id is required' })
  .regex(REQUEST_ID_PATTERN, 'request_id must be 8 to 100 letters, digits, "-" or "_"');

const idSchema = (name: string) =>
  z.string({ error: `${name} must be a string` }).regex(/^\w{1,100}$/, `${name} is not valid`);

export const refundBodySchema = z
  .object({
    order_id: idSchema('order_id').optional(),
    payment_intent_id: idSchema('payment_intent_id').optional(),
    amount: amountSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .strict()
  .refine((body) => Boolean(body.order_id) !== Boolean(body.payment_intent_id), {
    message: 'Give exactly one of order_id and payment_intent_id',
    path: ['order_id'],
  });

export const refundRequestBodySchema = z
  .object({
    request_id: requestIdSchema,
    payment_intent_id: idSchema('payment_intent_id'),
    amount: amountSchema.optional(),
    reason: reasonSchema.optional(),
  })
  .strict();

export const shipmentBodySchema = z
  .object({
    carrier: z
      .string({ error: 'carrier is required' })
      .trim()
      .min(1, 'carrier is required')
      .max(60, 'carrier must be at most 60 characters'),
    tracking_number: z
      .string({ error: 'tracking_number is required' })
      .trim()
      .regex(
        /^[A-Za-z0-9 -]{4,40}$/,
        'tracking_number must be 4 to 40 letters, digits, spaces or "-"',
      ),
  })
  .strict();

export type FieldError = { message: string; field: string | null };

/** The first problem, named by its field (what the cart API's errors look like). */
export function firstIssue(error: z.ZodError): FieldError {
  const issue = error.issues[0];
  if (!issue) return { message: 'The request is not valid.', field: null };
  const field = issue.path.length > 0 ? issue.path.join('.') : null;
  if (issue.code === 'unrecognized_keys') {
    return { message: `Unknown field: ${issue.keys.join(', ')}`, field: issue.keys[0] ?? null };
  }
  return { message: issue.message, field };
}

export function parseReason(value: unknown): RefundReason | null {
  const parsed = reasonSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
