import { startMailServer } from '../../emulators/mail/server';
import { emptyCart } from '../../lib/cart/cart';
import type { CheckoutDeps } from '../../lib/checkout/checkout-deps';
import { fulfilOrder } from '../../lib/checkout/fulfil-order';
import { preparePayment } from '../../lib/checkout/prepare-payment';
import type { JobDeps } from '../../lib/jobs/job-handlers';
import { runJob, sweepJobs } from '../../lib/jobs/run-jobs';
import { createLogger } from '../../lib/log/logger';
import { createMailer } from '../../lib/mail/mailer';
import { createStoreClient } from '../../lib/store/store-client';
import { createStripeClient } from '../../lib/stripe/stripe-server';
import { BENCH_UPSTASH_TOKEN, startEmulators } from './next-server';
import { confirmQuoted } from '../../tests/helpers/pay-quoted';
import { percentile } from './percentile';

export type MailBenchResult = {
  sweeper: { jobs: number; seconds: number; jobsPerSecond: number };
  paymentToInbox: { runs: number; p50: number; p99: number };
  returnPage: { runs: number; p50: number; p99: number };
};

const PORT = 3450;
const LINES = [{ bookId: 'b01', quantity: 1 }];

/**
 * Receipts end to end against the emulators (own process) and a mail catcher
 * in this process: the return page's fulfilment, the time from confirming a
 * payment to its receipt being in the inbox, and one sweeper's throughput.
 */
export async function benchMail(runs: number, sweepJobsCount: number): Promise<MailBenchResult> {
  const emulators = await startEmulators(PORT);
  const mail = await startMailServer({ maxMessages: sweepJobsCount + runs + 10 });
  const store = createStoreClient({ url: `http://127.0.0.1:${PORT}`, token: BENCH_UPSTASH_TOKEN });
  const stripe = createStripeClient({
    secretKey: 'sk_test_bench',
    apiBase: `http://127.0.0.1:${PORT + 1}`,
  });
  const jobs: JobDeps = {
    store,
    stripe,
    mailer: createMailer({
      smtpUrl: `smtp://127.0.0.1:${mail.smtpPort}`,
      from: 'Folio <orders@folio.bench>',
    }),
    appUrl: 'http://127.0.0.1:3000',
    secret: 'bench-mail-secret-0123456789abcdef',
    log: createLogger({ write: () => undefined }),
    now: Date.now,
  };
  const queued: string[] = [];
  const base: Omit<CheckoutDeps, 'startJobs'> = {
    store,
    stripe,
    secret: jobs.secret,
    log: jobs.log,
  };
  let shopper = 0;
  const paidIntent = async () => {
    const cart = { ...emptyCart(), lines: LINES };
    const prepared = await preparePayment(base, cart, `10.9.${++shopper >> 8}.${shopper & 255}`);
    if (prepared.kind !== 'ready') throw new Error(`could not prepare a payment: ${prepared.kind}`);
    return confirmQuoted(base, cart, prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
      receipt_email: 'bench@example.com',
    });
  };
  const arrived = async (orderId: string) => {
    while (!mail.messages().some((m) => m.subject.endsWith(orderId))) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };

  try {
    // What the return page does: fulfil, with the job left for after the response.
    const fulfil: number[] = [];
    const toInbox: number[] = [];
    for (let i = 0; i < runs; i++) {
      const confirmedAt = performance.now();
      const intent = await paidIntent();
      const started = performance.now();
      const order = await fulfilOrder({ ...base, startJobs: (ids) => queued.push(...ids) }, intent);
      fulfil.push(performance.now() - started);
      await Promise.all(queued.splice(0).map((id) => runJob(jobs, id)));
      await arrived(order.id);
      toInbox.push(performance.now() - confirmedAt);
    }

    // Paid orders whose receipts nobody started: all for the sweeper.
    for (let i = 0; i < sweepJobsCount; i++) {
      await fulfilOrder({ ...base, startJobs: () => undefined }, await paidIntent());
    }
    const sweepStarted = performance.now();
    const swept = await sweepJobs(jobs, { limit: sweepJobsCount, budgetMs: 600_000 });
    const seconds = (performance.now() - sweepStarted) / 1000;
    if (swept.succeeded !== sweepJobsCount) {
      throw new Error(`the sweeper sent ${swept.succeeded} of ${sweepJobsCount} receipts`);
    }
    fulfil.sort((a, b) => a - b);
    toInbox.sort((a, b) => a - b);
    return {
      sweeper: { jobs: sweepJobsCount, seconds, jobsPerSecond: sweepJobsCount / seconds },
      paymentToInbox: { runs, p50: percentile(toInbox, 50), p99: percentile(toInbox, 99) },
      returnPage: { runs, p50: percentile(fulfil, 50), p99: percentile(fulfil, 99) },
    };
  } finally {
    await mail.close();
    await emulators.stop();
  }
}
