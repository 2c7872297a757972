/**
 * Orders: an immutable snapshot taken at checkout, a small state hash, and a
 * timeline of typed events (lib/orders/order-events.ts). Every change is one
 * script (order-scripts.ts) that checks what it may do, records the event,
 * starts its job and moves the order between the status indexes together.
 *
 * The payment settles once: only a pending order can become paid, needs
 * review or canceled, so of two concurrent settlements one wins. Shipping
 * happens once the same way. Refunds are recorded as Stripe reports them,
 * and the status follows from the three.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { jobArgs } from '../jobs/job-store';
import type { JobSpec } from '../jobs/job-kinds';
import {
  orderEventSchema,
  refundCounts,
  type OrderEvent,
  type PaidEvent,
  type PaymentFailedEvent,
  type RefundEvent,
  type RefundRecord,
  type ShippedEvent,
} from '../orders/order-events';
import {
  APPEND_EVENT,
  CREATE_ORDER,
  RECORD_REFUND,
  SETTLE_PAYMENT,
  SHIP_ORDER,
} from './order-scripts';
import { adoptLegacyOrder } from './legacy-orders';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';
import { storeScript } from './store-scripts';

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'shipped',
  'partially_refunded',
  'refunded',
  'needs_review',
  'canceled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where a payment ends: only a pending order settles, once. */
export type PaymentStatus = 'pending' | 'paid' | 'needs_review' | 'canceled';
type SettlingEvent = Extract<OrderEvent, { type: 'paid' | 'needs_review' | 'canceled' }>;

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
  /** The discount code the order was priced with, and what it took off. */
  discount: z.object({ code: z.string(), amount: z.number().int() }).nullable().optional(),
  shipping: z.number().int(),
  total: z.number().int(),
  createdAt: z.number(),
});

export type OrderSnapshot = z.infer<typeof snapshotSchema>;

const stateSchema = z.object({
  payment: z.enum(['pending', 'paid', 'needs_review', 'canceled']),
  status: z.enum(ORDER_STATUSES),
  score: z.string(),
  refunded: z.coerce.number().int(),
});

/**
 * The price checkout last quoted for a pending order (destination, rate, Stripe
 * Tax) and set on its PaymentIntent; the order's total is this one once set.
 */
const checkoutQuoteSchema = z.object({
  total: z.number().int(),
  shipping: z.number().int(),
  shippingRate: z.string(),
  country: z.string(),
  /** Where tax depends on it (US states, Canadian provinces); absent in quotes saved before. */
  state: z.string().nullable().optional(),
  tax: z.number().int(),
  taxCalculationId: z.string().nullable(),
  at: z.number(),
});
export type CheckoutQuote = z.infer<typeof checkoutQuoteSchema>;

export type Order = OrderSnapshot & {
  /** Tax as quoted to the shipping address (null: none was quoted, as before tax existed). */
  tax: { amount: number; calculationId: string | null } | null;
  /** The address the tax was quoted for: what the intent must ship to. */
  quotedFor: { country: string; state: string | null } | null;
  shippingRate: string | null;
  status: OrderStatus;
  payment: PaymentStatus;
  /** The index score: a cursor for lists of orders. */
  score: string;
  /** What refunds hold now (pending ones too, as Stripe counts them). */
  refunded: number;
  paid: PaidEvent | null;
  shipment: ShippedEvent | null;
  refunds: RefundRecord[];
  failedAttempts: PaymentFailedEvent[];
  events: OrderEvent[];
};

/** Saves a new order as pending and indexes it; false if an order with that id exists already. */
export async function createOrder(store: Redis, order: OrderSnapshot): Promise<boolean> {
  const snapshot = snapshotSchema.parse(order);
  const created = await storeCall('createOrder', () =>
    storeScript(store, CREATE_ORDER).exec(
      [],
      [snapshot.id, JSON.stringify(snapshot), String(snapshot.total), String(snapshot.createdAt)],
    ),
  );
  return Number(created) === 1;
}

/** HGETALL as Redis sends it (the client does not reshape it): [field, value, field, value, …]. */
function hashFields(reply: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(reply)) return fields;
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  return fields;
}

/** Each refund as its latest event left it (events are only appended when a refund changes). */
function refundsOf(events: OrderEvent[]): RefundRecord[] {
  const refunds = new Map<string, RefundRecord>();
  for (const event of events) {
    if (event.type !== 'refund') continue;
    const { type: _type, at, ...refund } = event;
    const createdAt = refunds.get(refund.refundId)?.createdAt ?? at;
    refunds.set(refund.refundId, { ...refund, createdAt, updatedAt: at });
  }
  return [...refunds.values()];
}

/** Builds an order from what one read returned; null when the snapshot is missing. */
export function assembleOrder(
  snapshot: unknown,
  state: unknown,
  rawEvents: unknown,
  rawQuote: unknown = null,
): Order | null {
  if (typeof snapshot !== 'string') return null;
  const quote =
    typeof rawQuote === 'string' ? checkoutQuoteSchema.parse(JSON.parse(rawQuote)) : null;
  const parsedState = stateSchema.parse(hashFields(state));
  const events = (Array.isArray(rawEvents) ? rawEvents : []).map((raw) =>
    orderEventSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw),
  );
  return {
    ...snapshotSchema.parse(JSON.parse(snapshot)),
    ...(quote ? { total: quote.total, shipping: quote.shipping } : {}),
    tax: quote ? { amount: quote.tax, calculationId: quote.taxCalculationId } : null,
    quotedFor: quote ? { country: quote.country, state: quote.state ?? null } : null,
    shippingRate: quote?.shippingRate ?? null,
    ...parsedState,
    paid: events.find((e): e is PaidEvent => e.type === 'paid') ?? null,
    shipment: events.find((e): e is ShippedEvent => e.type === 'shipped') ?? null,
    refunds: refundsOf(events),
    failedAttempts: events.filter((e): e is PaymentFailedEvent => e.type === 'payment_failed'),
    events,
  };
}

/** The most events one order's page reads; far above what any order gathers. */
const MAX_EVENTS = 500;

export async function getOrder(store: Redis, orderId: string): Promise<Order | null> {
  const [snapshot, state, events, quote, legacyMoves, legacyAttempts] = await storeCall(
    'getOrder',
    () =>
      store
        .multi()
        .get(storeKeys.order(orderId))
        .hgetall(storeKeys.orderState(orderId))
        .lrange(storeKeys.orderEvents(orderId), 0, MAX_EVENTS - 1)
        .get(storeKeys.orderQuote(orderId))
        .hgetall(storeKeys.legacyOrderMoves(orderId))
        .lrange(storeKeys.legacyOrderAttempts(orderId), 0, 49)
        .exec<[string | null, unknown, unknown[], string | null, unknown, unknown[]]>(),
  );
  if (typeof snapshot === 'string' && Object.keys(hashFields(state)).length === 0) {
    // Written before the timeline existed: adopted once, then read as any other order.
    const parsed = snapshotSchema.parse(JSON.parse(snapshot));
    await adoptLegacyOrder(store, orderId, parsed, hashFields(legacyMoves), legacyAttempts ?? []);
    return getOrder(store, orderId);
  }
  return assembleOrder(snapshot, state, events, quote);
}

/** Many orders in one round trip, in the order given; missing ones are left out. */
export async function getOrders(store: Redis, orderIds: string[]): Promise<Order[]> {
  if (orderIds.length === 0) return [];
  const replies = await storeCall('getOrders', () => {
    const pipeline = store.pipeline();
    for (const id of orderIds) {
      pipeline
        .get(storeKeys.order(id))
        .hgetall(storeKeys.orderState(id))
        .lrange(storeKeys.orderEvents(id), 0, MAX_EVENTS - 1)
        .get(storeKeys.orderQuote(id));
    }
    return pipeline.exec<unknown[]>();
  });
  const orders: Order[] = [];
  for (let i = 0; i < orderIds.length; i++) {
    const order = assembleOrder(
      replies[i * 4],
      replies[i * 4 + 1],
      replies[i * 4 + 2],
      replies[i * 4 + 3],
    );
    if (order) orders.push(order);
  }
  return orders;
}

/**
 * Runs an order script; when it finds no state, reads the order once (which
 * adopts one written before the timeline existed) and runs it again.
 */
async function withAdoption<T>(
  store: Redis,
  orderId: string,
  run: () => Promise<T>,
  missing: (outcome: T) => boolean,
): Promise<T> {
  const outcome = await run();
  if (!missing(outcome) || !(await getOrder(store, orderId))) return outcome;
  return run();
}

export type MoveResult =
  | { ok: true; changed: boolean; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'illegal'; order: Order };

/** Job keys and arguments for a script, or none. */
function withJob(job: JobSpec | undefined): { keys: string[]; args: string[] } {
  return job ? jobArgs(job, Date.now()) : { keys: [], args: [] };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Settles a pending order's payment (paid, needs review or canceled), and
 * creates `job` in the same step. Settling to where it already is is a no-op
 * (`changed: false`), so a repeated fulfilment is harmless; any other
 * settlement of an order that is no longer pending is refused.
 */
export async function settlePayment(
  store: Redis,
  orderId: string,
  event: SettlingEvent,
  job?: JobSpec,
): Promise<MoveResult> {
  const email = event.type === 'paid' && event.email ? normalizeEmail(event.email) : '';
  const { keys, args } = withJob(job);
  const outcome = await withAdoption(
    store,
    orderId,
    async () =>
      String(
        await storeCall('settlePayment', () =>
          storeScript(store, SETTLE_PAYMENT).exec(keys, [
            orderId,
            event.type,
            JSON.stringify(orderEventSchema.parse(event)),
            email,
            ...args,
          ]),
        ),
      ),
    (result) => result === 'not_found',
  );
  if (outcome === 'not_found') return { ok: false, reason: 'not_found' };
  const order = await getOrder(store, orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  if (outcome === 'illegal') return { ok: false, reason: 'illegal', order };
  return { ok: true, changed: outcome === 'changed', order };
}

export type ShipResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' | 'not_paid' | 'already_shipped' | 'refunded' };

/** Marks a paid order shipped and creates the shopper's notice; of two at once, one wins. */
export async function shipOrder(
  store: Redis,
  orderId: string,
  event: ShippedEvent,
  notice: JobSpec,
): Promise<ShipResult> {
  const { keys, args } = withJob(notice);
  const outcome = await withAdoption(
    store,
    orderId,
    async () =>
      String(
        await storeCall('shipOrder', () =>
          storeScript(store, SHIP_ORDER).exec(keys, [
            orderId,
            JSON.stringify(orderEventSchema.parse(event)),
            ...args,
          ]),
        ),
      ),
    (result) => result === 'not_found',
  );
  if (outcome !== 'changed') return { ok: false, reason: outcome as 'not_found' };
  const order = await getOrder(store, orderId);
  return order ? { ok: true, order } : { ok: false, reason: 'not_found' };
}

/**
 * Records a refund as Stripe reports it now, and creates `job` (the
 * shopper's notice) in the same step when the report changes it. Returns
 * false when nothing changed: the same report again, or a stale one.
 */
export async function recordRefund(
  store: Redis,
  orderId: string,
  event: RefundEvent,
  job?: JobSpec,
): Promise<'changed' | 'unchanged' | 'not_found'> {
  const parsed = orderEventSchema.parse(event) as RefundEvent;
  const { keys, args } = withJob(job);
  const outcome = await withAdoption(
    store,
    orderId,
    async () =>
      String(
        await storeCall('recordRefund', () =>
          storeScript(store, RECORD_REFUND).exec(keys, [
            orderId,
            parsed.refundId,
            parsed.status,
            String(refundCounts(parsed.status) ? parsed.amount : 0),
            JSON.stringify(parsed),
            ...args,
          ]),
        ),
      ),
    (result) => result === 'not_found',
  );
  return outcome as 'changed' | 'unchanged' | 'not_found';
}

/** Records a failed payment attempt (one per webhook event, which is claimed once). */
export async function recordPaymentAttempt(
  store: Redis,
  orderId: string,
  attempt: PaymentFailedEvent,
): Promise<void> {
  await withAdoption(
    store,
    orderId,
    async () =>
      Number(
        await storeCall('recordPaymentAttempt', () =>
          storeScript(store, APPEND_EVENT).exec(
            [],
            [orderId, JSON.stringify(orderEventSchema.parse(attempt))],
          ),
        ),
      ),
    (appended) => appended === 0,
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

const SAVE_QUOTE = `
if redis.call('HGET', KEYS[1], 'payment') ~= 'pending' then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

/** Records checkout's latest quote on a pending order; false once its payment has settled. */
export async function saveCheckoutQuote(
  store: Redis,
  orderId: string,
  quote: CheckoutQuote,
): Promise<boolean> {
  const saved = await storeCall('saveCheckoutQuote', () =>
    storeScript(store, SAVE_QUOTE).exec(
      [storeKeys.orderState(orderId), storeKeys.orderQuote(orderId)],
      [JSON.stringify(checkoutQuoteSchema.parse(quote))],
    ),
  );
  return Number(saved) === 1;
}
