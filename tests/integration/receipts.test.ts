import type { Redis } from '@upstash/redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailServer, type RunningMailServer } from '@/emulators/mail/server';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import type { CheckoutDeps } from '@/lib/checkout/checkout-deps';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import type { JobDeps } from '@/lib/jobs/job-handlers';
import { jobIds } from '@/lib/jobs/job-kinds';
import { claimJob, finishJob, getJob, listDueJobIds } from '@/lib/jobs/job-store';
import { JOB_LEASE_MS, runJob, sweepJobs } from '@/lib/jobs/run-jobs';
import { createMailer } from '@/lib/mail/mailer';
import { orderLinkToken } from '@/lib/orders/order-link';
import { createStoreClient, StoreUnavailableError } from '@/lib/store/store-client';
import { getOrder } from '@/lib/store/orders';
import {
  startTestStripe,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
  type TestStripe,
} from '../helpers/stripe-emulator';
import {
  clientFor,
  startMemoryStore,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';
import { captureLog } from '../helpers/captured-log';
import { confirmQuoted } from '../helpers/checkout-harness';
import { startWebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'receipts-test-secret-0123456789abcdef';
const APP_URL = 'https://shop.example.com';

type InboxMessage = {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Name: string; Address: string }>;
};

let t: TestStripe;
let backend: StoreBackendUnderTest;
let store: Redis;
let mail: RunningMailServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let started: string[];
/** How far the test has moved the job runners' clock ahead of the real one. */
let offsetMs: number;
let shopper = 0;
let deps: CheckoutDeps;
const captured = captureLog();

function jobDepsWith(smtpUrl = `smtp://127.0.0.1:${mail.smtpPort}`): JobDeps {
  return {
    store,
    stripe: t.stripe,
    mailer: createMailer({ smtpUrl, from: 'Folio <orders@folio.test>' }),
    appUrl: APP_URL,
    secret: SECRET,
    log: captured.log,
    now: () => Date.now() + offsetMs,
  };
}

async function inbox(): Promise<InboxMessage[]> {
  const response = await fetch(`${mail.url}/api/v1/messages`);
  return ((await response.json()) as { messages: InboxMessage[] }).messages;
}

async function message(id: string) {
  const response = await fetch(`${mail.url}/api/v1/message/${id}`);
  return (await response.json()) as { HTML: string; Text: string; Bcc: unknown[] };
}

async function paidOrder(
  cart: Cart = { ...emptyCart(), lines: [{ bookId: 'b01', quantity: 2 }] },
  shipping?: { name: string },
  email = 'reader@example.com',
) {
  // Each order its own shopper, so the per-address limit on new intents stays out of the way.
  const prepared = await preparePayment(deps, cart, `203.0.113.${++shopper % 250}`);
  if (prepared.kind !== 'ready') throw new Error(`expected ready, got ${prepared.kind}`);
  const intent = await confirmQuoted(deps, cart, prepared.record.paymentIntentId, {
    payment_method: 'pm_card_visa',
    receipt_email: email,
    ...(shipping ? { name: shipping.name } : {}),
  });
  return { intent, orderId: prepared.record.orderId };
}

const flush = () => t.control('POST', 'webhooks/flush', { timeoutMs: 10_000 });

beforeAll(async () => {
  t = await startTestStripe();
  backend = await startMemoryStore();
  store = clientFor(backend.upstash);
  mail = await startMailServer();
  deps = {
    store,
    stripe: t.stripe,
    secret: SECRET,
    log: captured.log,
    startJobs: (ids) => started.push(...ids),
  };
  receiver = await startWebhookReceiver(() => deps);
});
afterAll(async () => {
  await receiver.close();
  await mail.close();
  await backend.stop();
  await t.close();
});
beforeEach(async () => {
  started = [];
  offsetMs = 0;
  await t.control('POST', 'reset');
  await store.flushall();
  await fetch(`${mail.url}/api/v1/messages`, { method: 'DELETE' });
  await t.control('POST', 'webhooks', { url: receiver.url, enabled: true, retryBaseDelayMs: 50 });
});
afterEach(async () => {
  await flush();
});

describe('receipts', () => {
  it('sends one receipt for an order paid through the return page, the webhook and a duplicate webhook', async () => {
    await t.control('POST', 'webhooks', { mode: { duplicate: true } });
    const { intent, orderId } = await paidOrder();
    await Promise.all([fulfilOrder(deps, intent), fulfilOrder(deps, intent), flush()]);
    await flush();

    // Fulfilment started the job once; running it (and sweeping after) sends once.
    expect(started).toEqual([jobIds.receipt(orderId)]);
    const jobs = jobDepsWith();
    expect(await runJob(jobs, started[0]!)).toBe('succeeded');
    expect(await sweepJobs(jobs)).toEqual({ succeeded: 0, retrying: 0, failed: 0, skipped: 0 });

    const messages = await inbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      Subject: `Your Folio order ${orderId}`,
      To: [{ Address: 'reader@example.com' }],
    });
    expect(messages[0]!.MessageID).toContain(`receipt.${orderId}`);
    const body = await message(messages[0]!.ID);
    expect(body.Text).toContain(
      `${APP_URL}/orders/${orderId}?token=${orderLinkToken(orderId, SECRET)}`,
    );
    expect(body.Text).toMatch(/Total[\s\S]*\$30\.97/);
    expect(await getJob(store, jobIds.receipt(orderId))).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
  });

  it('retries while SMTP is down and delivers exactly one once it is back', async () => {
    const { intent, orderId } = await paidOrder();
    await fulfilOrder(deps, intent);
    const id = jobIds.receipt(orderId);

    // Nothing listens on port 1: the attempt fails fast and is queued again, later.
    expect(await runJob(jobDepsWith('smtp://127.0.0.1:1'), id)).toBe('retrying');
    const retrying = await getJob(store, id);
    expect(retrying).toMatchObject({ status: 'queued', attempts: 1 });
    expect(retrying?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(await getOrder(store, orderId)).toMatchObject({ status: 'paid' });
    // Not due yet: the sweeper leaves it alone.
    expect(await sweepJobs(jobDepsWith())).toMatchObject({ succeeded: 0 });

    offsetMs += 5_000;
    expect(await sweepJobs(jobDepsWith())).toMatchObject({ succeeded: 1 });
    offsetMs += 60 * 60_000;
    expect(await sweepJobs(jobDepsWith())).toMatchObject({ succeeded: 0 });
    expect(await inbox()).toHaveLength(1);
    expect(await getJob(store, id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('gives up after the last attempt, visibly', async () => {
    const { intent, orderId } = await paidOrder();
    await fulfilOrder(deps, intent);
    const down = jobDepsWith('smtp://127.0.0.1:1');
    const results: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const ran = await sweepJobs(down);
      results.push(...Object.entries(ran).flatMap(([k, n]) => Array<string>(n).fill(k)));
      offsetMs += 10 * 60_000;
    }
    expect(results).toEqual([...Array<string>(7).fill('retrying'), 'failed']);
    expect(await getJob(store, jobIds.receipt(orderId))).toMatchObject({
      status: 'failed',
      attempts: 8,
    });
    expect(await listDueJobIds(store, Date.now() + offsetMs, 10)).toEqual([]);
  });

  it(
    'sends each of 50 queued receipts once with two sweepers racing',
    { timeout: 30_000 },
    async () => {
      const orders = [];
      for (let i = 0; i < 50; i++) {
        const { intent, orderId } = await paidOrder();
        await fulfilOrder(deps, intent);
        orders.push(orderId);
      }
      const [a, b] = await Promise.all([sweepJobs(jobDepsWith()), sweepJobs(jobDepsWith())]);
      expect(a.succeeded + b.succeeded).toBe(50);
      expect(a.failed + b.failed + a.retrying + b.retrying).toBe(0);
      const messages = await inbox();
      expect(messages).toHaveLength(50);
      expect(new Set(messages.map((m) => m.Subject))).toEqual(
        new Set(orders.map((id) => `Your Folio order ${id}`)),
      );
    },
  );

  it('lets another worker take over a job whose worker stopped, and ignores the late outcome', async () => {
    const { intent, orderId } = await paidOrder();
    await fulfilOrder(deps, intent);
    const id = jobIds.receipt(orderId);
    const lost = await claimJob(store, id, Date.now(), JOB_LEASE_MS);
    expect(lost).not.toBeNull();
    // Held: nobody else may run it.
    expect(await runJob(jobDepsWith(), id)).toBe('skipped');
    offsetMs += JOB_LEASE_MS + 1;
    expect(await sweepJobs(jobDepsWith())).toMatchObject({ succeeded: 1 });
    expect(
      await finishJob(store, lost!, { status: 'failed', error: 'late' }, Date.now() + offsetMs),
    ).toBe(false);
    expect(await getJob(store, id)).toMatchObject({ status: 'succeeded' });
    expect(await inbox()).toHaveLength(1);
  });

  it('never lets a line break in the name add a header', async () => {
    const { intent, orderId } = await paidOrder(undefined, {
      name: 'Ada Reader\r\nBcc: thief@example.com',
    });
    await fulfilOrder(deps, intent);
    expect(await runJob(jobDepsWith(), jobIds.receipt(orderId))).toBe('succeeded');
    const [received] = await inbox();
    expect(received?.To).toEqual([
      { Name: 'Ada Reader Bcc: thief@example.com', Address: 'reader@example.com' },
    ]);
    const raw = await (await fetch(`${mail.url}/api/v1/message/${received!.ID}/raw`)).text();
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).toMatch(/^To: "Ada Reader Bcc: thief@example.com" <reader@example.com>$/m);
    expect(mail.messages()[0]?.envelopeTo ?? ['reader@example.com']).toEqual([
      'reader@example.com',
    ]);
  });

  it('does not send to an address that is not one valid email, and says why', async () => {
    const { intent, orderId } = await paidOrder(undefined, undefined, 'not-an-address');
    await fulfilOrder(deps, intent);
    expect(await runJob(jobDepsWith(), jobIds.receipt(orderId))).toBe('failed');
    expect(await getJob(store, jobIds.receipt(orderId))).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'not a valid email address: "not-an-address"',
    });
    expect(await inbox()).toHaveLength(0);
  });

  it('writes nothing half when the store is down during fulfilment', async () => {
    // Only the return page fulfils here: the webhook would reach the store that is up.
    await t.control('POST', 'webhooks', { enabled: false });
    const { intent, orderId } = await paidOrder();
    const down = { ...deps, store: createStoreClient({ url: 'http://127.0.0.1:1', token: 'x' }) };
    await expect(fulfilOrder(down, intent)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await getOrder(store, orderId)).toMatchObject({ status: 'pending' });
    expect(await getJob(store, jobIds.receipt(orderId))).toBeNull();
    await fulfilOrder(deps, intent);
    expect(await getOrder(store, orderId)).toMatchObject({ status: 'paid' });
    expect(await getJob(store, jobIds.receipt(orderId))).toMatchObject({ status: 'queued' });
  });

  it('sends a notice for each refund, once however often Stripe reports it', async () => {
    await t.control('POST', 'webhooks', { mode: { duplicate: true } });
    const { intent, orderId } = await paidOrder();
    await fulfilOrder(deps, intent);
    await t.stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    await flush();
    await t.stripe.refunds.create({ payment_intent: intent.id });
    await flush();
    await sweepJobs(jobDepsWith());
    const subjects = (await inbox()).map((m) => m.Subject).sort();
    expect(subjects).toEqual([
      `Refund of $10.00: your Folio order ${orderId}`,
      `Refund of $${((intent.amount - 1000) / 100).toFixed(2)}: your Folio order ${orderId}`,
      `Your Folio order ${orderId}`,
    ]);
  });

  it('logs a purchase as JSON lines with its ids, and never a secret', async () => {
    captured.raw.length = 0;
    const cart = { ...emptyCart(), lines: [{ bookId: 'b03', quantity: 1 }] };
    const prepared = await preparePayment(deps, cart, '198.51.100.20');
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    const intent = await confirmQuoted(deps, cart, prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
      receipt_email: 'reader@example.com',
    });
    await fulfilOrder(deps, intent);
    await flush();
    await sweepJobs(jobDepsWith());

    const lines = captured.lines();
    const ids = { orderId: prepared.record.orderId, paymentIntentId: intent.id };
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'payment.intent_created', level: 'info', ...ids }),
        expect.objectContaining({ event: 'order.paid', ...ids }),
        expect.objectContaining({ event: 'webhook.handled', type: 'payment_intent.succeeded' }),
        expect.objectContaining({ event: 'job.succeeded', jobId: jobIds.receipt(ids.orderId) }),
      ]),
    );
    for (const line of lines) expect(typeof line.time).toBe('string');
    const all = captured.raw.join('');
    for (const secret of [
      prepared.record.clientSecret,
      '_secret_',
      SECRET,
      TEST_SECRET_KEY,
      TEST_WEBHOOK_SECRET,
      '4242424242424242',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
