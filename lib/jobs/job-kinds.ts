import { z } from 'zod';

/**
 * Every kind of background job and the payload it carries. A payload is
 * validated when the job is created and again when it runs.
 */
export const JOB_PAYLOADS = {
  /** The receipt for a paid order; one per order. */
  receipt: z.object({ orderId: z.string() }),
  /** Tells the shopper about a refund; one per refunded total the charge reached. */
  'refund-notice': z.object({ orderId: z.string(), amountRefunded: z.number().int().positive() }),
} as const;

export type JobKind = keyof typeof JOB_PAYLOADS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;

export type JobSpec = {
  [K in JobKind]: { id: string; kind: K; payload: JobPayload<K> };
}[JobKind];

export const jobIds = {
  receipt: (orderId: string) => `receipt:${orderId}`,
  refundNotice: (orderId: string, amountRefunded: number) =>
    `refund-notice:${orderId}:${amountRefunded}`,
};

export function receiptJob(orderId: string): JobSpec {
  return { id: jobIds.receipt(orderId), kind: 'receipt', payload: { orderId } };
}

export function refundNoticeJob(orderId: string, amountRefunded: number): JobSpec {
  return {
    id: jobIds.refundNotice(orderId, amountRefunded),
    kind: 'refund-notice',
    payload: { orderId, amountRefunded },
  };
}
