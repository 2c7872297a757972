import { z } from 'zod';

/**
 * Every kind of background job and the payload it carries. A payload is
 * validated when the job is created and again when it runs.
 */
export const JOB_PAYLOADS = {
  /** The receipt for a paid order; one per order. */
  receipt: z.object({ orderId: z.string() }),
  /** Tells the shopper about a refund once it succeeded; one per refund. */
  'refund-notice': z.object({ orderId: z.string(), refundId: z.string() }),
  /** Tells the shopper their order shipped, with the tracking number; one per order. */
  'shipment-notice': z.object({ orderId: z.string() }),
  /** A queued refund request, sent to Stripe with its request id as the idempotency key. */
  refund: z.object({ requestId: z.string() }),
} as const;

export type JobKind = keyof typeof JOB_PAYLOADS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;

export type JobSpec = {
  [K in JobKind]: { id: string; kind: K; payload: JobPayload<K> };
}[JobKind];

export const jobIds = {
  receipt: (orderId: string) => `receipt:${orderId}`,
  refundNotice: (refundId: string) => `refund-notice:${refundId}`,
  shipmentNotice: (orderId: string) => `shipment-notice:${orderId}`,
  refund: (requestId: string) => `refund:${requestId}`,
};

export function receiptJob(orderId: string): JobSpec {
  return { id: jobIds.receipt(orderId), kind: 'receipt', payload: { orderId } };
}

export function refundNoticeJob(orderId: string, refundId: string): JobSpec {
  return {
    id: jobIds.refundNotice(refundId),
    kind: 'refund-notice',
    payload: { orderId, refundId },
  };
}

export function shipmentNoticeJob(orderId: string): JobSpec {
  return { id: jobIds.shipmentNotice(orderId), kind: 'shipment-notice', payload: { orderId } };
}

export function refundJob(requestId: string): JobSpec {
  return { id: jobIds.refund(requestId), kind: 'refund', payload: { requestId } };
}
