import { z } from 'zod';

/**
 * Everything that happens to an order after checkout, as one typed timeline.
 * Each event is appended once, in the same store step as the change it
 * records, and validated again wherever it is read: the shopper's order page,
 * the back office, the operator API and mail all render this one model.
 */

const addressSchema = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
});

const shippingSchema = z.object({
  name: z.string().nullable().optional(),
  address: addressSchema.nullable().optional(),
});

export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** Stripe's refund statuses. */
export const REFUND_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Who did something: an operator's address, an API key's label, or Stripe (webhooks). */
const actorSchema = z.string().min(1);

export const paidEventSchema = z.object({
  type: z.literal('paid'),
  at: z.number(),
  paymentIntentId: z.string(),
  /** What the shopper typed into the Link Authentication Element, as Stripe holds it. */
  email: z.string().nullable(),
  card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  shipping: shippingSchema.nullable(),
});

export const needsReviewEventSchema = z.object({
  type: z.literal('needs_review'),
  at: z.number(),
  reason: z.string(),
  paymentIntentId: z.string(),
  paid: z.object({ amount: z.number().int(), currency: z.string() }),
});

export const canceledEventSchema = z.object({
  type: z.literal('canceled'),
  at: z.number(),
  reason: z.string(),
});

export const paymentFailedEventSchema = z.object({
  type: z.literal('payment_failed'),
  at: z.number(),
  paymentIntentId: z.string(),
  /** The Stripe event that reported it; each is recorded once. */
  eventId: z.string(),
  message: z.string(),
});

export const shippedEventSchema = z.object({
  type: z.literal('shipped'),
  at: z.number(),
  carrier: z.string(),
  trackingNumber: z.string(),
  by: actorSchema,
});

export const refundEventSchema = z.object({
  type: z.literal('refund'),
  at: z.number(),
  refundId: z.string(),
  amount: z.number().int().positive(),
  status: z.enum(REFUND_STATUSES),
  reason: z.enum(REFUND_REASONS).nullable(),
  failureReason: z.string().nullable(),
  /** The queued request that made it, when it came from one. */
  requestId: z.string().nullable(),
});

export const orderEventSchema = z.discriminatedUnion('type', [
  paidEventSchema,
  needsReviewEventSchema,
  canceledEventSchema,
  paymentFailedEventSchema,
  shippedEventSchema,
  refundEventSchema,
]);

export type OrderEvent = z.infer<typeof orderEventSchema>;
export type PaidEvent = z.infer<typeof paidEventSchema>;
export type ShippedEvent = z.infer<typeof shippedEventSchema>;
export type RefundEvent = z.infer<typeof refundEventSchema>;
export type PaymentFailedEvent = z.infer<typeof paymentFailedEventSchema>;
export type Shipping = z.infer<typeof shippingSchema>;
export type ShippingAddress = z.infer<typeof addressSchema>;

/** A refund as it stands now: the latest of its refund events. */
export type RefundRecord = Omit<RefundEvent, 'type' | 'at'> & {
  createdAt: number;
  updatedAt: number;
};

/** Refunds that hold money back from the shopper's balance (Stripe counts pending ones too). */
export function refundCounts(status: RefundStatus): boolean {
  return status === 'pending' || status === 'requires_action' || status === 'succeeded';
}

/**
 * How far along a refund's status is. Stripe reports a refund's changes in
 * events that may arrive out of order; a report that is not further along
 * than what is recorded is stale and ignored. (A refund can fail after it
 * succeeded, never the other way.)
 */
export function refundStatusRank(status: RefundStatus): number {
  return { pending: 1, requires_action: 1, succeeded: 2, failed: 3, canceled: 3 }[status];
}

/** One line for an address: "Ada Reader, 1 Library Way, Springfield, IL 62701, US". */
export function formatShipping(shipping: Shipping | null | undefined): string | null {
  const address = shipping?.address;
  if (!shipping || !address) return null;
  const cityLine = [address.city, [address.state, address.postal_code].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [shipping.name, address.line1, address.line2, cityLine, address.country]
    .filter(Boolean)
    .join(', ');
}
