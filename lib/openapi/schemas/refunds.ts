/** What the operator API's refund and PaymentIntent endpoints send. */
import { z } from 'zod';
import { REFUND_STATUSES } from '../../orders/order-events';
import type { RefundRequestView } from '../../refunds/process-refund-request';
import type { RefundNowResult } from '../../refunds/refund-order';
import { REQUEST_STATUSES } from '../../store/refund-requests';
import { sameType } from '../same-type';
import { amount, currency } from './common';

/** `POST /api/admin/refunds`: Stripe's refund, and the order it is for. */
export const refundJsonSchema = z
  .object({
    id: z.string().meta({ examples: ['re_3PqR5sT6uV7wX8yZ'] }),
    amount: amount(),
    currency: currency(),
    status: z.enum(REFUND_STATUSES),
    order_id: z.string(),
  })
  .meta({ id: 'Refund' });

sameType<
  Extract<RefundNowResult, { ok: true }>['refund'] & { order_id: string },
  z.output<typeof refundJsonSchema>
>();

const requestStatus = z.enum(REQUEST_STATUSES);

/** `POST /api/admin/refund-requests`: queued (or, submitted again, where the first one stands). */
export const refundRequestQueuedSchema = z.object({
  request_id: z.string(),
  status: requestStatus,
});

/** `GET /api/admin/refund-requests/{id}`. */
export const refundRequestViewSchema = z
  .object({
    request_id: z.string(),
    status: requestStatus,
    refund_id: z.string().nullable().meta({ description: "Stripe's refund, once made." }),
    amount: amount()
      .nullable()
      .meta({ description: 'null: whatever is left to refund when it is processed.' }),
    failure_reason: z.string().nullable(),
    order_id: z.string(),
  })
  .meta({ id: 'RefundRequest' });

sameType<RefundRequestView, z.output<typeof refundRequestViewSchema>>();

/** `GET /api/admin/payment-intents/{id}` (built in the route itself). */
export const paymentIntentJsonSchema = z
  .object({
    id: z.string(),
    amount: amount(),
    amount_received: amount(),
    currency: currency(),
    // The SDK types it as an open string: Stripe may add statuses, and the route passes them on.
    status: z.string().meta({
      description:
        "Stripe's status, e.g. requires_payment_method, requires_action, processing, succeeded or canceled.",
      examples: ['succeeded'],
    }),
    order_id: z.string().nullable().meta({ description: "The order in the intent's metadata." }),
  })
  .meta({ id: 'PaymentIntent' });
