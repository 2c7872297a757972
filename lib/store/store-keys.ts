/**
 * Every key the storefront writes, and how long it lives.
 *
 * | key                               | type   | TTL                  | holds                                             |
 * | --------------------------------- | ------ | -------------------- | ------------------------------------------------- |
 * | folio:pi:{cartId}                 | string | 7 days               | the PaymentIntent created for that cart (JSON)    |
 * | folio:evt:{eventId}               | string | 5 min, then 30 days  | "processing:{token}" while handled, then "done"   |
 * | folio:order:{orderId}             | string | none                 | the order's snapshot at checkout (JSON)           |
 * | folio:order:{orderId}:state       | hash   | none                 | payment, status, index score, refunded, shipped   |
 * | folio:order:{orderId}:quote       | string | none                 | checkout's latest quote while pending (JSON)      |
 * | folio:order:{orderId}:events      | list   | none                 | the order's timeline (JSON events), oldest first  |
 * | folio:order:{orderId}:refunds     | hash   | none                 | per refund: its status and the amount it holds    |
 * | folio:order:{orderId}:audit       | list   | none                 | operator actions on the order (JSON), newest first |
 * | folio:orders:all                  | zset   | none                 | every order id, scored by creation (see below)    |
 * | folio:orders:status:{status}      | zset   | none                 | the order ids in one status, same scores          |
 * | folio:orders:email:{address}      | zset   | none                 | paid order ids of one (lowercased) address        |
 * | folio:orders:to-ship              | zset   | none                 | paid, unshipped, not fully refunded order ids     |
 * | folio:orders:seq                  | string | none                 | a counter that makes index scores unique          |
 * | folio:audit                       | list   | none                 | every operator action (JSON), newest first        |
 * | folio:refund-request:{requestId}  | hash   | none                 | a queued refund: its parameters and progress      |
 * | folio:order:{id}:refund-requests  | list   | none                 | the refund requests queued for an order           |
 * | folio:code:{CODE}                 | string | none                 | a discount code's definition (JSON)               |
 * | folio:codes                       | zset   | none                 | every discount code, by creation time             |
 * | folio:code:{CODE}:reserved        | zset   | none                 | carts holding a use, scored by when it lapses     |
 * | folio:code:{CODE}:redeemed        | set    | none                 | the paid orders that used the code                |
 * | folio:code:{CODE}:emails          | set    | none                 | the (lowercased) addresses that used it           |
 * | folio:stock:{bookId}              | string | none                 | copies on the shelf (absent: the catalog's count)  |
 * | folio:stock:{bookId}:holds        | zset   | none                 | carts holding copies, scored by when they lapse   |
 * | folio:stock:{bookId}:held         | hash   | none                 | per cart: the copies it holds                     |
 * | folio:stock:{bookId}:held-total   | string | none                 | the sum of that hash                              |
 * | folio:stock-hold:{cartId}         | hash   | 7 days while open    | the cart's hold: held, released, committed, short |
 * | folio:admin-link:{sha256}         | string | 15 min               | the address a sign-in link was mailed to          |
 * | folio:admin-session:{id}          | string | 8 hours              | a signed-in operator's address                    |
 * | folio:session:{sessionId}:orders  | list   | 90 days              | the order ids a session placed, newest first      |
 * | folio:pi-lock:{cartId}            | string | 15 s                 | held while one request creates the cart's intent  |
 * | folio:rl:{scope}:{id}:{window}    | string | two windows          | a sliding-window counter (@upstash/ratelimit)     |
 * | folio:open-intents:{addressKey}   | zset   | 10 min               | carts of an address with an unpaid intent, by time |
 * | folio:job:{jobId}                 | hash   | none                 | a background job: kind, payload, status, attempts |
 * | folio:jobs:due                    | zset   | none                 | unfinished job ids, scored by when they may run   |
 *
 * An order's index score is its creation time in milliseconds followed by
 * three digits of a counter, so scores are unique (a cursor is one score)
 * and still exact in a double.
 *
 * The payment-intent record outlives Stripe's 24-hour idempotency window, so
 * a cart keeps its intent after Stripe has forgotten the key. Processed
 * webhook events are kept longer than Stripe retries a delivery (3 days).
 */
const DAY = 24 * 60 * 60;

export const TTL_SECONDS = {
  paymentIntentRecord: 7 * DAY,
  stockHoldRecord: 7 * DAY,
  webhookEventLease: 5 * 60,
  webhookEventDone: 30 * DAY,
  sessionOrders: 90 * DAY,
  paymentIntentLock: 15,
  adminSignInLink: 15 * 60,
  adminSession: 8 * 60 * 60,
} as const;

export const storeKeys = {
  paymentIntentRecord: (cartId: string) => `folio:pi:${cartId}`,
  webhookEvent: (eventId: string) => `folio:evt:${eventId}`,
  order: (orderId: string) => `folio:order:${orderId}`,
  /** Read only, to adopt orders written before the timeline (lib/store/legacy-orders.ts). */
  legacyOrderMoves: (orderId: string) => `folio:order:${orderId}:moves`,
  legacyOrderAttempts: (orderId: string) => `folio:order:${orderId}:attempts`,
  orderState: (orderId: string) => `folio:order:${orderId}:state`,
  orderQuote: (orderId: string) => `folio:order:${orderId}:quote`,
  orderEvents: (orderId: string) => `folio:order:${orderId}:events`,
  orderRefunds: (orderId: string) => `folio:order:${orderId}:refunds`,
  orderAudit: (orderId: string) => `folio:order:${orderId}:audit`,
  ordersAll: 'folio:orders:all',
  ordersByStatus: (status: string) => `folio:orders:status:${status}`,
  ordersByEmail: (email: string) => `folio:orders:email:${email}`,
  ordersToShip: 'folio:orders:to-ship',
  ordersSeq: 'folio:orders:seq',
  audit: 'folio:audit',
  refundRequest: (requestId: string) => `folio:refund-request:${requestId}`,
  orderRefundRequests: (orderId: string) => `folio:order:${orderId}:refund-requests`,
  discountCode: (code: string) => `folio:code:${code}`,
  discountCodes: 'folio:codes',
  codeReservations: (code: string) => `folio:code:${code}:reserved`,
  codeRedemptions: (code: string) => `folio:code:${code}:redeemed`,
  codeEmails: (code: string) => `folio:code:${code}:emails`,
  stock: (bookId: string) => `folio:stock:${bookId}`,
  stockHolds: (bookId: string) => `folio:stock:${bookId}:holds`,
  stockHeld: (bookId: string) => `folio:stock:${bookId}:held`,
  stockHeldTotal: (bookId: string) => `folio:stock:${bookId}:held-total`,
  stockHold: (cartId: string) => `folio:stock-hold:${cartId}`,
  adminSignInLink: (tokenHash: string) => `folio:admin-link:${tokenHash}`,
  adminSession: (sessionId: string) => `folio:admin-session:${sessionId}`,
  sessionOrders: (sessionId: string) => `folio:session:${sessionId}:orders`,
  paymentIntentLock: (cartId: string) => `folio:pi-lock:${cartId}`,
  checkoutSession: (cartId: string) => `folio:cs:${cartId}`,
  paymentRoute: (cartId: string) => `folio:route:${cartId}`,
  checkoutSessionLock: (cartId: string) => `folio:cs-lock:${cartId}`,
  openIntents: (addressKey: string) => `folio:open-intents:${addressKey}`,
  job: (jobId: string) => `folio:job:${jobId}`,
  jobsDue: 'folio:jobs:due',
  /** @upstash/ratelimit appends `:{id}:{window}`. */
  rateLimitPrefix: (scope: string) => `folio:rl:${scope}`,
};
