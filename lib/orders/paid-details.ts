import { z } from 'zod';
import type { Order } from '../store/orders';

const addressSchema = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
});

/** What fulfilment records on the move to paid (read back from Stripe, never from a request). */
export const paidDetailsSchema = z.object({
  paymentIntentId: z.string().optional(),
  email: z.string().nullable().optional(),
  card: z.object({ brand: z.string(), last4: z.string() }).nullable().optional(),
  shipping: z
    .object({
      name: z.string().nullable().optional(),
      address: addressSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
});

export type PaidDetails = z.infer<typeof paidDetailsSchema>;
export type ShippingAddress = z.infer<typeof addressSchema>;

/** The paid move's details, validated; null for an order that was never paid. */
export function paidDetailsOf(order: Order): PaidDetails | null {
  const move = order.history.find((m) => m.to === 'paid');
  if (!move) return null;
  const parsed = paidDetailsSchema.safeParse(move.details ?? {});
  return parsed.success ? parsed.data : {};
}

/** One line for an address: "Ada Reader, 1 Library Way, Springfield, IL 62701, US". */
export function formatShipping(shipping: PaidDetails['shipping']): string | null {
  const address = shipping?.address;
  if (!shipping || !address) return null;
  const cityLine = [address.city, [address.state, address.postal_code].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [shipping.name, address.line1, address.line2, cityLine, address.country]
    .filter(Boolean)
    .join(', ');
}
