/**
 * Queued refund requests. A request is created once per `request_id`, in the
 * same step as the job that sends it to Stripe; submitting it again returns
 * what was first submitted, and never queues a second job.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { refundJob } from '../jobs/job-kinds';
import { ENQUEUE_LUA, jobArgs } from '../jobs/job-store';
import { REFUND_REASONS } from '../orders/order-events';
import { storeCall } from './store-client';
import { storeKeys } from './store-keys';
import { storeScript } from './store-scripts';

export const REQUEST_STATUSES = [
  'queued',
  'processing',
  'pending',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const emptyAsNull = (value: unknown) => (value === '' || value === undefined ? null : value);

const requestSchema = z.object({
  requestId: z.string(),
  orderId: z.string(),
  paymentIntentId: z.string(),
  /** null: whatever is left to refund when it is processed. */
  amount: z.preprocess(emptyAsNull, z.coerce.number().int().positive().nullable()),
  reason: z.preprocess(emptyAsNull, z.enum(REFUND_REASONS).nullable()),
  status: z.enum(REQUEST_STATUSES),
  refundId: z.preprocess(emptyAsNull, z.string().nullable()),
  failureReason: z.preprocess(emptyAsNull, z.string().nullable()),
  requestedBy: z.string(),
  createdAt: z.coerce.number(),
  updatedAt: z.coerce.number(),
});

export type RefundRequest = z.infer<typeof requestSchema>;
export type NewRefundRequest = Pick<
  RefundRequest,
  'requestId' | 'orderId' | 'paymentIntentId' | 'amount' | 'reason' | 'requestedBy'
>;

const CREATE = `${ENQUEUE_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HGETALL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'requestId', ARGV[1], 'orderId', ARGV[2], 'paymentIntentId', ARGV[3],
  'amount', ARGV[4], 'reason', ARGV[5], 'requestedBy', ARGV[6], 'status', 'queued',
  'createdAt', ARGV[7], 'updatedAt', ARGV[7])
redis.call('LPUSH', KEYS[4], ARGV[1])
enqueue(KEYS[2], KEYS[3], 8)
return 1`;

function parseRequest(reply: unknown): RefundRequest | null {
  if (!Array.isArray(reply) || reply.length === 0) return null;
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  return requestSchema.parse(fields);
}

export type CreateRequestResult =
  { created: true; request: RefundRequest } | { created: false; request: RefundRequest };

export async function createRefundRequest(
  store: Redis,
  request: NewRefundRequest,
): Promise<CreateRequestResult> {
  const now = Date.now();
  const job = jobArgs(refundJob(request.requestId), now);
  const reply = await storeCall('createRefundRequest', () =>
    storeScript(store, CREATE).exec(
      [
        storeKeys.refundRequest(request.requestId),
        ...job.keys,
        storeKeys.orderRefundRequests(request.orderId),
      ],
      [
        request.requestId,
        request.orderId,
        request.paymentIntentId,
        request.amount === null ? '' : String(request.amount),
        request.reason ?? '',
        request.requestedBy,
        String(now),
        ...job.args,
      ],
    ),
  );
  const existing = parseRequest(reply);
  if (existing) return { created: false, request: existing };
  return {
    created: true,
    request: {
      ...request,
      status: 'queued',
      refundId: null,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    },
  };
}

export async function getRefundRequest(
  store: Redis,
  requestId: string,
): Promise<RefundRequest | null> {
  return parseRequest(
    await storeCall('getRefundRequest', () => store.hgetall(storeKeys.refundRequest(requestId))),
  );
}

export async function updateRefundRequest(
  store: Redis,
  requestId: string,
  change: Partial<Pick<RefundRequest, 'status' | 'refundId' | 'failureReason'>>,
): Promise<void> {
  const fields: Record<string, string> = { updatedAt: String(Date.now()) };
  for (const [name, value] of Object.entries(change)) fields[name] = value ?? '';
  await storeCall('updateRefundRequest', () =>
    store.hset(storeKeys.refundRequest(requestId), fields),
  );
}

const LINK = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'refundId', ARGV[1], 'status', ARGV[2], 'updatedAt', ARGV[3])
return 1`;

/**
 * Names the refund Stripe made for a request, as soon as any report of it
 * arrives (the job's answer, or a webhook when the job never heard back), so
 * a request whose job gave up still shows the refund it made.
 */
export async function linkRefundToRequest(
  store: Redis,
  requestId: string,
  refundId: string,
  status: RequestStatus,
): Promise<void> {
  await storeCall('linkRefundToRequest', () =>
    storeScript(store, LINK).exec(
      [storeKeys.refundRequest(requestId)],
      [refundId, status, String(Date.now())],
    ),
  );
}

/** The request ids queued for an order, newest first. */
export async function listOrderRefundRequests(store: Redis, orderId: string): Promise<string[]> {
  const ids = await storeCall('listOrderRefundRequests', () =>
    store.lrange<string>(storeKeys.orderRefundRequests(orderId), 0, 99),
  );
  return ids.map(String);
}
