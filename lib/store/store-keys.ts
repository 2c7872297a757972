/**
 * Every key the storefront writes, and how long it lives.
 *
 * | key                               | type   | TTL                  | holds                                             |
 * | --------------------------------- | ------ | -------------------- | ------------------------------------------------- |
 * | folio:pi:{cartId}                 | string | 7 days               | the PaymentIntent created for that cart (JSON)    |
 * | folio:evt:{eventId}               | string | 5 min, then 30 days  | "processing:{token}" while handled, then "done"   |
 * | folio:order:{orderId}             | string | none                 | the order's snapshot at checkout (JSON)           |
 * | folio:order:{orderId}:moves       | hash   | none                 | one field per status left: "from:{status}" → move |
 * | folio:order:{orderId}:refunded    | string | none                 | amount refunded so far, as Stripe last reported   |
 * | folio:order:{orderId}:attempts    | list   | none                 | failed payment attempts (JSON), oldest first      |
 * | folio:session:{sessionId}:orders  | list   | 90 days              | the order ids a session placed, newest first      |
 * | folio:pi-lock:{cartId}            | string | 15 s                 | held while one request creates the cart's intent  |
 * | folio:rl:{scope}:{id}:{window}    | string | two windows          | a sliding-window counter (@upstash/ratelimit)     |
 * | folio:open-intents:{addressKey}   | zset   | 10 min               | carts of an address with an unpaid intent, by time |
 * | folio:job:{jobId}                 | hash   | none                 | a background job: kind, payload, status, attempts |
 * | folio:jobs:due                    | zset   | none                 | unfinished job ids, scored by when they may run   |
 *
 * The payment-intent record outlives Stripe's 24-hour idempotency window, so
 * a cart keeps its intent after Stripe has forgotten the key. Processed
 * webhook events are kept longer than Stripe retries a delivery (3 days).
 */
const DAY = 24 * 60 * 60;

export const TTL_SECONDS = {
  paymentIntentRecord: 7 * DAY,
  webhookEventLease: 5 * 60,
  webhookEventDone: 30 * DAY,
  sessionOrders: 90 * DAY,
  paymentIntentLock: 15,
} as const;

export const storeKeys = {
  paymentIntentRecord: (cartId: string) => `folio:pi:${cartId}`,
  webhookEvent: (eventId: string) => `folio:evt:${eventId}`,
  order: (orderId: string) => `folio:order:${orderId}`,
  orderMoves: (orderId: string) => `folio:order:${orderId}:moves`,
  orderRefunded: (orderId: string) => `folio:order:${orderId}:refunded`,
  orderAttempts: (orderId: string) => `folio:order:${orderId}:attempts`,
  sessionOrders: (sessionId: string) => `folio:session:${sessionId}:orders`,
  paymentIntentLock: (cartId: string) => `folio:pi-lock:${cartId}`,
  openIntents: (addressKey: string) => `folio:open-intents:${addressKey}`,
  job: (jobId: string) => `folio:job:${jobId}`,
  jobsDue: 'folio:jobs:due',
  /** @upstash/ratelimit appends `:{id}:{window}`. */
  rateLimitPrefix: (scope: string) => `folio:rl:${scope}`,
};
