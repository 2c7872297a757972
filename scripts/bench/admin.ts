/**
 * The back office: `/admin/orders` over HTTP against `next start` with many
 * orders in the store, and how fast the job sweeper sends queued refunds to
 * the Stripe emulator, with one sweeper and with two (as two instances would).
 */
import type { Redis } from '@upstash/redis';
import IORedis from 'ioredis';
import { sealData } from 'iron-session';
import type Stripe from 'stripe';
import type { JobDeps } from '../../lib/jobs/job-handlers';
import { listDueJobIds } from '../../lib/jobs/job-store';
import { sweepJobs, type SweepResult } from '../../lib/jobs/run-jobs';
import { createLogger } from '../../lib/log/logger';
import { createMailer } from '../../lib/mail/mailer';
import { viewRefundRequest } from '../../lib/refunds/process-refund-request';
import { queueRefund } from '../../lib/refunds/refund-order';
import { countOrdersByStatus } from '../../lib/store/order-index';
import {
  createOrder,
  getOrders,
  ORDER_STATUSES,
  recordRefund,
  settlePayment,
  type OrderSnapshot,
  type OrderStatus,
} from '../../lib/store/orders';
import { createStoreClient } from '../../lib/store/store-client';
import { storeKeys, TTL_SECONDS } from '../../lib/store/store-keys';
import { createStripeClient } from '../../lib/stripe/stripe-server';
import { runLoad, type LoadResult } from './load';
import {
  BENCH_ADMIN,
  BENCH_SESSION_PASSWORD,
  BENCH_UPSTASH_TOKEN,
  startEmulators,
  startNext,
} from './next-server';
import { percentile } from './percentile';
import { startRedisServer } from '../../tests/helpers/redis-server';

/** Upstash here, Stripe on +1, the mail catcher's SMTP on +2 and its inbox on +3. */
const EMULATOR_PORT = 3460;
const NEXT_PORT = 3465;
/** As lib/admin/order-search.ts shows them. */
const PER_PAGE = 25;
/**
 * Orders in flight at once while seeding. The store client pipelines concurrent
 * commands into one request (auto-pipelining), which must answer within the
 * client's 800 ms timeout: enough to keep the emulator busy, far from that.
 */
const SEED_CONCURRENCY = 16;
const DISTINCT_EMAILS = 300;
const COOKIE = '__Host-folio-admin';

export type AdminPageRow = LoadResult & {
  page: string;
  path: string;
  connections: number;
  rows: number;
  /** Redis commands one request of this page ran (INFO commandstats); null over in-memory. */
  storeCommands: Record<string, number> | null;
};

export type AdminRefundRow = {
  sweepers: number;
  requests: number;
  /** From the first sweep until the last request's refund succeeded. */
  secondsToAllSucceeded: number;
  refundsPerSecond: number;
  /** Until nothing was left due, the refund notices they queued included. */
  secondsToDrained: number;
  jobsPerSecond: number;
  /** What the sweeps reported, summed over the sweepers. */
  sweeps: SweepResult;
  stripeRefundCalls: number;
  stripeRefunds: number;
};

export type AdminBenchResult = {
  backend: AdminBenchOptions['backend'];
  seed: {
    orders: number;
    seconds: number;
    ordersPerSecond: number;
    emails: number;
    byStatus: Partial<Record<OrderStatus, number>>;
  };
  pages: AdminPageRow[];
  queueRefund: { runs: number; p50: number; p99: number };
  refunds: AdminRefundRow[];
  /** Anything that did not check out; the caller reports these as failures. */
  problems: string[];
};

export type AdminBenchOptions = {
  /** What the Upstash emulator keeps its data in. */
  backend: 'redis-server' | 'in-memory';
  orders: number;
  refunds: number;
  durationSeconds: number;
  connections: number;
};

/** Runs `work(i)` for i in [0, count), `concurrency` at a time. */
async function inPool(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

type SeedStatus = 'pending' | 'paid' | 'refunded' | 'partially_refunded';
type SeedOrder = { id: string; createdAt: number; status: SeedStatus; email: string | null };

/** 10% pending, 4% refunded, 4% partially refunded, the rest paid. */
function seedStatus(i: number): SeedStatus {
  if (i % 10 === 9) return 'pending';
  if (i % 25 === 3) return 'refunded';
  if (i % 25 === 8) return 'partially_refunded';
  return 'paid';
}

function snapshotOf(id: string, createdAt: number, i: number): OrderSnapshot {
  const quantity = 1 + (i % 3);
  const unitAmount = 1299;
  const subtotal = quantity * unitAmount;
  const shipping = 499;
  return {
    id,
    cartId: `cart-${id}`,
    sessionId: `session-${id}`,
    clientAddress: null,
    currency: 'usd',
    lines: [{ bookId: 'b01', title: 'Moby-Dick', quantity, unitAmount, lineTotal: subtotal }],
    subtotal,
    shipping,
    total: subtotal + shipping,
    createdAt,
  };
}

function paidEvent(at: number, paymentIntentId: string, email: string) {
  return {
    type: 'paid' as const,
    at,
    paymentIntentId,
    email,
    card: { brand: 'visa', last4: '4242' },
    shipping: {
      name: 'Bench Reader',
      address: {
        line1: '1 Library Way',
        line2: null,
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      },
    },
  };
}

/**
 * `count` orders through the real createOrder / settlePayment / recordRefund,
 * one minute apart (the newest last), SEED_CONCURRENCY orders in flight.
 */
async function seedOrders(store: Redis, count: number): Promise<SeedOrder[]> {
  const base = Date.now() - (count + 60) * 60_000;
  let settled = 0;
  const orders: SeedOrder[] = Array.from({ length: count }, (_, i) => {
    const status = seedStatus(i);
    return {
      id: `ord_bench${String(i).padStart(6, '0')}`,
      createdAt: base + i * 60_000,
      status,
      // Round-robin over the settled orders, so every address gets about as many.
      email: status === 'pending' ? null : `shopper${settled++ % DISTINCT_EMAILS}@example.com`,
    };
  });
  const seedOne = async (i: number) => {
    const order = orders[i]!;
    const snapshot = snapshotOf(order.id, order.createdAt, i);
    if (!(await createOrder(store, snapshot))) throw new Error(`order ${order.id} exists already`);
    if (!order.email) return;
    const paid = await settlePayment(
      store,
      order.id,
      paidEvent(order.createdAt + 30_000, `pi_bench_seed_${i}`, order.email),
    );
    if (!paid.ok) throw new Error(`could not settle ${order.id}: ${paid.reason}`);
    if (order.status === 'paid') return;
    const amount = order.status === 'refunded' ? snapshot.total : Math.floor(snapshot.total / 2);
    const recorded = await recordRefund(store, order.id, {
      type: 'refund',
      at: order.createdAt + 120_000,
      refundId: `re_bench_seed_${i}`,
      amount,
      status: 'succeeded',
      reason: 'requested_by_customer',
      failureReason: null,
      requestId: null,
    });
    if (recorded !== 'changed') throw new Error(`could not refund ${order.id}: ${recorded}`);
  };
  // The first orders alone: the store compiles each script on its first EVAL, not 32 at once.
  const warm = Math.min(count, 25);
  for (let i = 0; i < warm; i++) await seedOne(i);
  await inPool(count - warm, SEED_CONCURRENCY, (i) => seedOne(warm + i));
  return orders;
}

/** A signed-in operator, made as startOperatorSession makes one: a store record and its seal. */
async function operatorCookie(store: Redis): Promise<string> {
  const sid = crypto.randomUUID();
  await store.set(storeKeys.adminSession(sid), BENCH_ADMIN.email, {
    ex: TTL_SECONDS.adminSession,
  });
  const seal = await sealData(
    { v: 1, sid, email: BENCH_ADMIN.email },
    { password: BENCH_SESSION_PASSWORD, ttl: TTL_SECONDS.adminSession },
  );
  return `${COOKIE}=${seal}`;
}

/** The order ids a page links to, in its rows' order (the HTML, not the RSC payload). */
function orderIdsIn(html: string): string[] {
  return [...html.matchAll(/href="\/admin\/orders\/(ord_[A-Za-z0-9]+)"/g)].map((m) => m[1]!);
}

/** The "Older orders" link, unescaped; null on the last page. */
function nextPageIn(html: string): string | null {
  const match = /href="(\/admin\/orders\?[^"]*cursor=[^"]*)"/.exec(html);
  return match ? match[1]!.replaceAll('&amp;', '&') : null;
}

/** Cheap enough for every response under load: the row count and the first and last row. */
function rowsCheck(expected: string[]): (html: string) => boolean {
  const first = `href="/admin/orders/${expected[0]}"`;
  const last = `href="/admin/orders/${expected.at(-1)}"`;
  return (html) =>
    (html.match(/<tr[\s>]/g)?.length ?? 0) === expected.length + 1 &&
    html.includes(first) &&
    html.includes(last);
}

/** Calls per command so far, from the redis-server under the Upstash emulator. */
async function commandCalls(redis: IORedis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm))
    calls.set(match[1]!.toUpperCase(), Number(match[2]));
  return calls;
}

/** What one request ran in the store, while nothing else uses it. */
async function commandsOf(
  redis: IORedis | null,
  request: () => Promise<unknown>,
): Promise<Record<string, number> | null> {
  if (!redis) return null;
  const before = await commandCalls(redis);
  await request();
  const ran: Record<string, number> = {};
  for (const [command, calls] of await commandCalls(redis)) {
    const delta = calls - (before.get(command) ?? 0);
    if (delta > 0 && command !== 'INFO') ran[command] = delta;
  }
  return ran;
}

async function fetchPage(url: string, cookie: string | null) {
  const response = await fetch(url, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

async function benchPages(
  nextUrl: string,
  store: Redis,
  orders: SeedOrder[],
  options: AdminBenchOptions,
  redis: IORedis | null,
  problems: string[],
): Promise<AdminPageRow[]> {
  const cookie = await operatorCookie(store);
  const newest = [...orders].sort((a, b) => b.createdAt - a.createdAt);
  const ids = (list: SeedOrder[]) => list.map((o) => o.id);
  const email = newest.find((o) => o.email)?.email ?? '';

  // Page 3 as an operator reaches it: following "Older orders" twice.
  const first = await fetchPage(`${nextUrl}/admin/orders`, cookie);
  const second = first.status === 200 ? nextPageIn(first.html) : null;
  const secondPage = second ? await fetchPage(`${nextUrl}${second}`, cookie) : null;
  const third = secondPage ? nextPageIn(secondPage.html) : null;
  if (!third) problems.push('admin: /admin/orders gave no cursor to a third page');
  const secondIds = ids(newest.slice(PER_PAGE, 2 * PER_PAGE));
  if (secondPage && orderIdsIn(secondPage.html).join() !== secondIds.join())
    problems.push('admin: page 2 did not show the 25 orders after the first page');

  const pages = [
    { page: 'first page', path: '/admin/orders', expected: ids(newest.slice(0, PER_PAGE)) },
    {
      page: 'status=paid',
      path: '/admin/orders?status=paid',
      expected: ids(newest.filter((o) => o.status === 'paid').slice(0, PER_PAGE)),
    },
    {
      page: 'search by email',
      path: `/admin/orders?${new URLSearchParams({ q: email })}`,
      expected: ids(newest.filter((o) => o.email === email).slice(0, PER_PAGE)),
    },
    {
      page: 'page 3 (cursor)',
      path: third ?? '/admin/orders',
      expected: ids(newest.slice(2 * PER_PAGE, 3 * PER_PAGE)),
    },
  ];

  // The check must tell a signed-in page from anything else: without the cookie it fails.
  const signedOut = await fetchPage(`${nextUrl}/admin/orders`, null);
  if (signedOut.status === 200 && rowsCheck(pages[0]!.expected)(signedOut.html))
    problems.push('admin: /admin/orders showed its orders without an operator session');

  const rows: AdminPageRow[] = [];
  for (const { page, path, expected } of pages) {
    const url = `${nextUrl}${path}`;
    const once = await fetchPage(url, cookie);
    const shown = orderIdsIn(once.html);
    if (once.status !== 200 || shown.join() !== expected.join()) {
      problems.push(
        `admin: ${path} answered ${once.status} with ${shown.length} of the ${expected.length} expected orders`,
      );
      continue;
    }
    const storeCommands = await commandsOf(redis, () => fetchPage(url, cookie));
    const verifyBody = rowsCheck(expected);
    for (const connections of [1, options.connections]) {
      const result = await runLoad({
        name: `${page}, ${connections} connection${connections === 1 ? '' : 's'}`,
        url,
        headers: { cookie },
        connections,
        durationSeconds: options.durationSeconds,
        verifyBody,
      });
      rows.push({ ...result, page, path, connections, rows: expected.length, storeCommands });
      if (result.non2xx + result.errors + result.mismatches > 0)
        problems.push(
          `admin ${result.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.mismatches} without the expected rows`,
        );
    }
  }
  return rows;
}

type RefundRound = { requestIds: string[]; orderIds: string[] };

/** `count` orders paid on the emulator with pm_card_visa, each with one queued refund request. */
async function prepareRefunds(
  store: Redis,
  stripe: Stripe,
  round: string,
  count: number,
  queueTimes: number[],
): Promise<RefundRound> {
  const orderIds = Array.from({ length: count }, (_, i) => `ord_refund${round}n${i}`);
  await inPool(count, 16, async (i) => {
    const id = orderIds[i]!;
    const snapshot = snapshotOf(id, Date.now(), i);
    if (!(await createOrder(store, snapshot))) throw new Error(`order ${id} exists already`);
    const email = `refund${i % DISTINCT_EMAILS}@example.com`;
    const created = await stripe.paymentIntents.create({
      amount: snapshot.total,
      currency: snapshot.currency,
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: id },
    });
    const intent = await stripe.paymentIntents.confirm(created.id, {
      payment_method: 'pm_card_visa',
      receipt_email: email,
    });
    if (intent.status !== 'succeeded') throw new Error(`${intent.id} is ${intent.status}`);
    const paid = await settlePayment(store, id, paidEvent(Date.now(), intent.id, email));
    if (!paid.ok) throw new Error(`could not settle ${id}: ${paid.reason}`);
  });
  // What the operator's "queue refund" does, one at a time so each call is timed alone.
  const deps = { store, stripe, log: createLogger({ write: () => undefined }) };
  const requestIds: string[] = [];
  for (const [i, orderId] of orderIds.entries()) {
    const requestId = `bench-${round}-${i}-${crypto.randomUUID()}`;
    const started = performance.now();
    const queued = await queueRefund(deps, {
      requestId,
      target: { orderId },
      amount: null,
      reason: 'requested_by_customer',
      requestedBy: BENCH_ADMIN.email,
    });
    queueTimes.push(performance.now() - started);
    if (!queued.ok || !queued.created)
      throw new Error(`could not queue a refund of ${orderId}: ${JSON.stringify(queued)}`);
    requestIds.push(requestId);
  }
  return { requestIds, orderIds };
}

type EmulatorRefund = { id: string; metadata?: Record<string, string> };

async function emulatorJson<T>(stripeUrl: string, path: string): Promise<T> {
  return (await (await fetch(`${stripeUrl}${path}`)).json()) as T;
}

/**
 * Sweeps with `sweepers` job runners (each with its own clients, as instances
 * have) until every queued refund succeeded and nothing is left due.
 */
async function sweepRefunds(
  urls: { store: string; stripe: string; smtp: string },
  round: RefundRound,
  sweepers: number,
  problems: string[],
): Promise<AdminRefundRow> {
  const count = round.requestIds.length;
  const requested = new Set(round.requestIds);
  let refundsDone = 0;
  let allSucceededAt = 0;
  // The runner logs each job it finished: the moment the last refund succeeded is read from there.
  const log = createLogger({
    write(line: string) {
      const entry = JSON.parse(line) as { event?: string; kind?: string };
      if (entry.event === 'job.succeeded' && entry.kind === 'refund' && ++refundsDone === count)
        allSucceededAt = performance.now();
    },
  });
  const deps: JobDeps[] = Array.from({ length: sweepers }, () => ({
    store: createStoreClient({ url: urls.store, token: BENCH_UPSTASH_TOKEN }),
    stripe: createStripeClient({ secretKey: 'sk_test_bench', apiBase: urls.stripe }),
    mailer: createMailer({ smtpUrl: urls.smtp, from: 'Folio <orders@folio.bench>' }),
    appUrl: `http://127.0.0.1:${NEXT_PORT}`,
    secret: 'bench-admin-secret-0123456789abcdef',
    log,
    now: Date.now,
  }));
  const store = deps[0]!.store;
  const refundCalls = async () =>
    (
      await emulatorJson<{ data: Array<{ method: string; path: string }> }>(
        urls.stripe,
        '/_emulator/requests',
      )
    ).data.filter((r) => r.method === 'POST' && r.path === '/v1/refunds').length;
  const callsBefore = await refundCalls();

  const sweeps: SweepResult = { succeeded: 0, retrying: 0, failed: 0, skipped: 0 };
  const deadline = Date.now() + 300_000;
  const sweepStarted = performance.now();
  await Promise.all(
    deps.map(async (own) => {
      // A cron invocation after another, until nothing is due and nothing unfinished is left.
      while (Date.now() < deadline) {
        const ran = await sweepJobs(own, { limit: 1000, budgetMs: 60_000 });
        for (const key of Object.keys(sweeps) as Array<keyof SweepResult>) sweeps[key] += ran[key];
        if (ran.succeeded + ran.retrying + ran.failed + ran.skipped > 0) continue;
        if ((await store.zcard(storeKeys.jobsDue)) === 0) return;
        // Only leased (or retrying) jobs left: another sweeper holds them.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  const drainedAt = performance.now();
  if (allSucceededAt === 0) {
    problems.push(`admin refunds, ${sweepers} sweeper(s): ${refundsDone} of ${count} succeeded`);
    allSucceededAt = drainedAt;
  }

  // Afterwards: every request succeeded as the operator would see it, and Stripe made N refunds.
  const views = await Promise.all(round.requestIds.map((id) => viewRefundRequest(deps[0]!, id)));
  const notSucceeded = views.filter((v) => v?.status !== 'succeeded').length;
  if (notSucceeded > 0)
    problems.push(`admin refunds: ${notSucceeded} of ${count} requests did not succeed`);
  const refunded = (await getOrders(store, round.orderIds)).filter((o) => o.status === 'refunded');
  if (refunded.length !== count)
    problems.push(`admin refunds: ${refunded.length} of ${count} orders are refunded`);
  const events = await emulatorJson<{ data: Array<{ data: { object: EmulatorRefund } }> }>(
    urls.stripe,
    '/_emulator/events?type=refund.created',
  );
  const made = events.data
    .map((e) => e.data.object)
    .filter((r) => requested.has(r.metadata?.request_id ?? ''));
  const perRequest = new Set(made.map((r) => r.metadata?.request_id));
  if (made.length !== count || perRequest.size !== count)
    problems.push(
      `admin refunds: the emulator made ${made.length} refunds for ${count} requests (${perRequest.size} distinct)`,
    );
  const leftDue = await listDueJobIds(store, Date.now() + 3_600_000, 10);
  if (leftDue.length > 0) problems.push(`admin refunds: jobs left unfinished: ${leftDue.join()}`);

  const secondsToAllSucceeded = (allSucceededAt - sweepStarted) / 1000;
  const secondsToDrained = (drainedAt - sweepStarted) / 1000;
  return {
    sweepers,
    requests: count,
    secondsToAllSucceeded,
    refundsPerSecond: count / secondsToAllSucceeded,
    secondsToDrained,
    jobsPerSecond: sweeps.succeeded / secondsToDrained,
    sweeps,
    stripeRefundCalls: (await refundCalls()) - callsBefore,
    stripeRefunds: made.length,
  };
}

export async function benchAdmin(options: AdminBenchOptions): Promise<AdminBenchResult> {
  if (options.orders < 3 * PER_PAGE + 1)
    throw new Error(`BENCH_ADMIN_ORDERS must be at least ${3 * PER_PAGE + 1} (three pages)`);
  const problems: string[] = [];
  // The in-memory backend copies a whole sorted set on every read and write and sorts it for
  // every ZRANGE: seeding would take minutes and each page would mostly time the emulator.
  const redis = options.backend === 'redis-server' ? await startRedisServer() : null;
  const emulators = await startEmulators(EMULATOR_PORT, { redisUrl: redis?.url }).catch(
    async (error: unknown) => {
      await redis?.stop();
      throw error;
    },
  );
  const urls = {
    store: `http://127.0.0.1:${EMULATOR_PORT}`,
    stripe: `http://127.0.0.1:${EMULATOR_PORT + 1}`,
    smtp: `smtp://127.0.0.1:${EMULATOR_PORT + 2}`,
  };
  const store = createStoreClient({ url: urls.store, token: BENCH_UPSTASH_TOKEN });
  try {
    const seedStarted = performance.now();
    const orders = await seedOrders(store, options.orders);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const counts = await countOrdersByStatus(store, ORDER_STATUSES);
    const byStatus: Partial<Record<OrderStatus, number>> = {};
    for (const status of ORDER_STATUSES) {
      const expected = orders.filter((o) => o.status === status).length;
      if (counts[status] !== expected)
        problems.push(`admin seed: ${counts[status]} ${status} orders indexed, ${expected} made`);
      if (counts[status] > 0) byStatus[status] = counts[status];
    }

    const next = await startNext(NEXT_PORT, EMULATOR_PORT);
    const stats = redis ? new IORedis(redis.url) : null;
    let pages: AdminPageRow[];
    try {
      pages = await benchPages(next.url, store, orders, options, stats, problems);
    } finally {
      stats?.disconnect();
      // The sweeps below run here, not in the server: stop it so it takes no CPU from them.
      await next.stop();
    }

    const stripe = createStripeClient({ secretKey: 'sk_test_bench', apiBase: urls.stripe });
    const queueTimes: number[] = [];
    const refunds: AdminRefundRow[] = [];
    for (const sweepers of [1, 2]) {
      const round = await prepareRefunds(
        store,
        stripe,
        `s${sweepers}`,
        options.refunds,
        queueTimes,
      );
      refunds.push(await sweepRefunds(urls, round, sweepers, problems));
    }
    queueTimes.sort((a, b) => a - b);
    return {
      backend: options.backend,
      seed: {
        orders: options.orders,
        seconds: seedSeconds,
        ordersPerSecond: options.orders / seedSeconds,
        emails: new Set(orders.map((o) => o.email).filter(Boolean)).size,
        byStatus,
      },
      pages,
      queueRefund: {
        runs: queueTimes.length,
        p50: percentile(queueTimes, 50),
        p99: percentile(queueTimes, 99),
      },
      refunds,
      problems,
    };
  } finally {
    await emulators.stop();
    await redis?.stop();
  }
}
