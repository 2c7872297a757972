/**
 * Orders: an immutable snapshot taken at checkout, plus its status history.
 *
 * The status is never stored on its own. Each move out of a status is one
 * HSETNX on the field "from:{status}", so of two concurrent moves out of the
 * same status exactly one wins, and the current status is where the chain
 * of moves from "pending" ends. No compare-and-set script is needed.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { ENQUEUE_LUA, jobArgs } from '../jobs/job-store';
import type { JobSpec } from '../jobs/job-kinds';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';
import { storeScript } from './store-scripts';

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'needs_review',
  'partially_refunded',
  'refunded',
  'canceled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The moves an order may make; anything else is refused. */
const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'needs_review', 'canceled'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['refunded'],
  needs_review: [],
  refunded: [],
  canceled: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

const snapshotSchema = z.object({
  id: z.string(),
  cartId: z.string(),
  sessionId: z.string(),
  /** The keyed client address that created it (card-testing limits), when one was known. */
  clientAddress: z.string().nullable().optional(),
  currency: z.string(),
  lines: z.array(
    z.object({
      bookId: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      unitAmount: z.number().int(),
      lineTotal: z.number().int(),
    }),
  ),
  subtotal: z.number().int(),
  shipping: z.number().int(),
  total: z.number().int(),
  createdAt: z.number(),
});

export type OrderSnapshot = z.infer<typeof snapshotSchema>;

const moveSchema = z.object({
  to: z.enum(ORDER_STATUSES),
  at: z.number(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type OrderMove = { from: OrderStatus } & z.infer<typeof moveSchema>;
const attemptSchema = z.object({
  at: z.number(),
  paymentIntentId: z.string(),
  eventId: z.string(),
  message: z.string(),
});
export type PaymentAttempt = z.infer<typeof attemptSchema>;

export type Order = OrderSnapshot & {
  status: OrderStatus;
  history: OrderMove[];
  refunded: number;
  failedAttempts: PaymentAttempt[];
};

/** Saves a new order as pending; false if an order with that id exists already. */
export async function createOrder(store: Redis, order: OrderSnapshot): Promise<boolean> {
  const result = await storeCall('createOrder', () =>
    store.set(storeKeys.order(order.id), JSON.stringify(snapshotSchema.parse(order)), { nx: true }),
  );
  return result === 'OK';
}

/** HGETALL as Redis sends it (the client does not reshape it): [field, value, field, value, …]. */
function hashFields(reply: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!Array.isArray(reply)) return fields;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    fields.set(String(reply[i]), String(reply[i + 1]));
  }
  return fields;
}

function followMoves(reply: unknown): { status: OrderStatus; history: OrderMove[] } {
  const fields = hashFields(reply);
  let status: OrderStatus = 'pending';
  const history: OrderMove[] = [];
  for (let step = 0; step < ORDER_STATUSES.length; step++) {
    const raw = fields.get(`from:${status}`);
    if (typeof raw !== 'string') break;
    const move = moveSchema.parse(JSON.parse(raw));
    history.push({ from: status, ...move });
    status = move.to;
  }
  return { status, history };
}

export async function getOrder(store: Redis, orderId: string): Promise<Order | null> {
  const [snapshot, moves, refunded, attempts] = await storeCall('getOrder', () =>
    store
      .multi()
      .get(storeKeys.order(orderId))
      .hgetall(storeKeys.orderMoves(orderId))
      .get(storeKeys.orderRefunded(orderId))
      .lrange(storeKeys.orderAttempts(orderId), 0, 49)
      .exec<[string | null, unknown, string | null, unknown[]]>(),
  );
  if (typeof snapshot !== 'string') return null;
  return {
    ...snapshotSchema.parse(JSON.parse(snapshot)),
    ...followMoves(moves),
    refunded: Number(refunded ?? 0),
    failedAttempts: (attempts ?? []).map((raw) => attemptSchema.parse(JSON.parse(String(raw)))),
  };
}

export type MoveResult =
  | { ok: true; changed: boolean; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'illegal'; order: Order };

/** A move and the job it starts, in one step: either both happen or neither. */
const MOVE_AND_ENQUEUE = `${ENQUEUE_LUA}
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
enqueue(KEYS[2], KEYS[3], 3)
return 1`;

async function leaveStatus(
  store: Redis,
  orderId: string,
  from: OrderStatus,
  move: string,
  job: JobSpec | undefined,
): Promise<boolean> {
  const field = `from:${from}`;
  const key = storeKeys.orderMoves(orderId);
  if (!job) {
    return (await storeCall('moveOrder', () => store.hsetnx(key, field, move))) === 1;
  }
  const { keys, args } = jobArgs(job, Date.now());
  const won = await storeCall('moveOrder', () =>
    storeScript(store, MOVE_AND_ENQUEUE).exec([key, ...keys], [field, move, ...args]),
  );
  return Number(won) === 1;
}

/**
 * Moves an order to `to`, and creates `job` in the same step when the move is
 * made (never when it is refused or was made before). Moving to the status it already has is a no-op
 * (`changed: false`), so a repeated fulfilment is harmless; a move the status
 * machine does not allow, or that lost a race to another move, is refused.
 */
export async function moveOrder(
  store: Redis,
  orderId: string,
  to: OrderStatus,
  details?: Record<string, unknown>,
  job?: JobSpec,
): Promise<MoveResult> {
  const order = await getOrder(store, orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  if (order.status === to) return { ok: true, changed: false, order };
  if (!canMove(order.status, to)) return { ok: false, reason: 'illegal', order };
  const move = JSON.stringify({ to, at: Date.now(), ...(details ? { details } : {}) });
  const won = await leaveStatus(store, orderId, order.status, move, job);
  const current = await getOrder(store, orderId);
  if (!current) return { ok: false, reason: 'not_found' };
  if (won) return { ok: true, changed: true, order: current };
  // Another move left this status first.
  return current.status === to
    ? { ok: true, changed: false, order: current }
    : { ok: false, reason: 'illegal', order: current };
}

/**
 * Records how much of an order has been refunded, as Stripe reports it on the
 * charge (`amount_refunded` only grows, so the latest report is the truth).
 */
export async function recordRefunded(
  store: Redis,
  orderId: string,
  amountRefunded: number,
): Promise<void> {
  await storeCall('recordRefunded', () =>
    store.set(storeKeys.orderRefunded(orderId), String(amountRefunded)),
  );
}

/** Remembers an order as placed by a session (newest first), once. */
export async function addSessionOrder(
  store: Redis,
  sessionId: string,
  orderId: string,
): Promise<void> {
  const key = storeKeys.sessionOrders(sessionId);
  await storeCall('addSessionOrder', () =>
    store
      .multi()
      .lrem(key, 0, orderId)
      .lpush(key, orderId)
      .expire(key, TTL_SECONDS.sessionOrders)
      .exec(),
  );
}

export async function listSessionOrders(store: Redis, sessionId: string): Promise<string[]> {
  const ids = await storeCall('listSessionOrders', () =>
    store.lrange<string>(storeKeys.sessionOrders(sessionId), 0, 49),
  );
  return ids.map(String);
}

/** Records a failed payment attempt (one per webhook event, which is claimed once). */
export async function recordPaymentAttempt(
  store: Redis,
  orderId: string,
  attempt: PaymentAttempt,
): Promise<void> {
  await storeCall('recordPaymentAttempt', () =>
    store.rpush(storeKeys.orderAttempts(orderId), JSON.stringify(attemptSchema.parse(attempt))),
  );
}
