/** An order as the operator API shows it (lib/admin/order-json.ts). */
import { z } from 'zod';
import type { toOrderJson } from '../../admin/order-json';
import { REFUND_REASONS, REFUND_STATUSES } from '../../orders/order-events';
import { ORDER_STATUSES } from '../../store/orders';
import type { toShopperOrderJson } from '../../orders/shopper-order-json';
import { sameType } from '../same-type';
import { amount, appliedDiscount, count, currency, isoTime } from './common';

const text = () => z.string().nullable();

/** As Stripe collected it at payment; any part may be missing. */
const shippingAddress = z.object({
  name: text().optional(),
  address: z
    .object({
      line1: text(),
      line2: text(),
      city: text(),
      state: text(),
      postal_code: text(),
      country: text(),
    })
    .nullable()
    .optional(),
});

export const orderJsonSchema = z
  .object({
    id: z.string().meta({ examples: ['ord_7Hq2Lx9TfA3kPz0Wm5Rb1Ncd'] }),
    status: z.enum(ORDER_STATUSES),
    payment_status: z.enum(['pending', 'paid', 'needs_review', 'canceled']),
    created_at: isoTime(),
    email: z.string().nullable().meta({ description: "The shopper's email, once paid." }),
    currency: currency(),
    items: z.array(
      z.object({
        book_id: z.string(),
        title: z.string(),
        quantity: count(),
        unit_amount: amount(),
        line_total: amount(),
      }),
    ),
    subtotal: amount(),
    discount: appliedDiscount().nullable(),
    shipping: amount(),
    shipping_rate: z
      .string()
      .nullable()
      .meta({ examples: ['standard'] }),
    tax: z
      .object({ amount: amount(), calculation_id: z.string().nullable() })
      .nullable()
      .meta({ description: 'Tax as quoted to the shipping address; null when none was quoted.' }),
    total: amount(),
    amount_refunded: amount().meta({
      description: 'What refunds hold now, pending ones included (as Stripe counts them).',
    }),
    payment_intent_id: z.string().nullable(),
    shipping_address: shippingAddress.nullable(),
    shipment: z
      .object({ carrier: z.string(), tracking_number: z.string(), shipped_at: isoTime() })
      .nullable(),
    refunds: z.array(
      z.object({
        id: z.string(),
        amount: amount(),
        status: z.enum(REFUND_STATUSES),
        reason: z.enum(REFUND_REASONS).nullable(),
        failure_reason: z.string().nullable(),
        request_id: z
          .string()
          .nullable()
          .meta({ description: 'The queued refund request that made it, if one did.' }),
      }),
    ),
  })
  .meta({ id: 'Order' });

sameType<ReturnType<typeof toOrderJson>, z.output<typeof orderJsonSchema>>();

export const orderResponseSchema = z.object({ order: orderJsonSchema });

export const orderPageSchema = z.object({
  orders: z.array(orderJsonSchema).meta({ description: 'Newest first, at most 25.' }),
  next_cursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass as cursor for the next page; null on the last one.' }),
});

/** `GET /api/orders/{id}` (lib/orders/shopper-order-json.ts): the shopper's view of an order. */
export const shopperOrderJsonSchema = orderJsonSchema
  .omit({ payment_intent_id: true, tax: true, refunds: true })
  .extend({
    tax: z.object({ amount: amount() }).nullable(),
    refunds: z.array(
      z.object({ id: z.string(), amount: amount(), status: z.enum(REFUND_STATUSES) }),
    ),
  })
  .meta({ id: 'ShopperOrder' });

sameType<ReturnType<typeof toShopperOrderJson>, z.output<typeof shopperOrderJsonSchema>>();
