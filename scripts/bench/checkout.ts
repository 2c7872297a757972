import Stripe from 'stripe';
import { emptyCart } from '../../lib/cart/cart';
import type { CheckoutDeps } from '../../lib/checkout/checkout-deps';
import { preparePayment } from '../../lib/checkout/prepare-payment';
import { handleWebhook } from '../../lib/checkout/webhook';
import { createLogger } from '../../lib/log/logger';
import { createStoreClient } from '../../lib/store/store-client';
import { createStripeClient } from '../../lib/stripe/stripe-server';
import { BENCH_UPSTASH_TOKEN, startEmulators } from './next-server';
import { confirmQuoted } from '../../tests/helpers/pay-quoted';
import { percentile } from './percentile';

export type CheckoutBenchRow = {
  operation: string;
  runs: number;
  p50: number;
  p99: number;
  stripeCalls: number;
};

const PORT = 3440;
const WEBHOOK_SECRET = 'whsec_bench_checkout';

async function timeEach(runs: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await op(i);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

/**
 * preparePayment on new carts and on a repeat visit, and the webhook handler,
 * one call at a time against the emulators in their own process.
 */
export async function benchCheckout(runs: number): Promise<CheckoutBenchRow[]> {
  const emulators = await startEmulators(PORT);
  const stripeUrl = `http://127.0.0.1:${PORT + 1}`;
  const stripeCalls = async () =>
    ((await (await fetch(`${stripeUrl}/_emulator/requests`)).json()) as { data: unknown[] }).data
      .length;
  try {
    const deps: CheckoutDeps = {
      store: createStoreClient({ url: `http://127.0.0.1:${PORT}`, token: BENCH_UPSTASH_TOKEN }),
      stripe: createStripeClient({ secretKey: 'sk_test_bench', apiBase: stripeUrl }),
      secret: 'bench-checkout-secret-0123456789abcdef',
      log: createLogger({ write: () => undefined }),
    };
    const lines = [
      { bookId: 'b01', quantity: 2 },
      { bookId: 'b02', quantity: 1 },
    ];
    const rows: CheckoutBenchRow[] = [];

    let before = await stripeCalls();
    // A new session and address per cart: the rate limit is not what is measured.
    const fresh = await timeEach(runs, (i) =>
      preparePayment(deps, { ...emptyCart(), lines }, `10.0.${i >> 8}.${i & 255}`),
    );
    rows.push({
      operation: 'prepare payment, new cart',
      runs,
      p50: percentile(fresh, 50),
      p99: percentile(fresh, 99),
      stripeCalls: (await stripeCalls()) - before,
    });

    const cart = { ...emptyCart(), lines };
    await preparePayment(deps, cart, '10.1.0.1');
    before = await stripeCalls();
    const repeat = await timeEach(runs, () => preparePayment(deps, cart, '10.1.0.1'));
    rows.push({
      operation: 'prepare payment, repeat visit',
      runs,
      p50: percentile(repeat, 50),
      p99: percentile(repeat, 99),
      stripeCalls: (await stripeCalls()) - before,
    });

    const paying = { ...emptyCart(), lines };
    const prepared = await preparePayment(deps, paying, '10.2.0.1');
    if (prepared.kind !== 'ready') throw new Error(`could not prepare a payment: ${prepared.kind}`);
    const intent = await confirmQuoted(deps, paying, prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
    });
    const signer = new Stripe('sk_test_bench');
    before = await stripeCalls();
    const hooks = await timeEach(runs, async (i) => {
      const body = JSON.stringify({
        id: `evt_bench_${i}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: intent.id } },
      });
      const result = await handleWebhook(
        deps,
        WEBHOOK_SECRET,
        body,
        signer.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }),
      );
      if (result.status !== 200) throw new Error(`webhook answered ${result.status}`);
    });
    rows.push({
      operation: 'webhook payment_intent.succeeded',
      runs,
      p50: percentile(hooks, 50),
      p99: percentile(hooks, 99),
      stripeCalls: (await stripeCalls()) - before,
    });
    return rows;
  } finally {
    await emulators.stop();
  }
}
