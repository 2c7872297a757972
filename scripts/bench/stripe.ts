import Stripe from 'stripe';
import { closedLoop } from './closed-loop';
import { startEmulators } from './next-server';

export type StripeBenchRow = {
  operation: string;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
};

const PORT = 3431;
const CONCURRENCY = 16;

async function measure(
  operation: string,
  seconds: number,
  op: () => Promise<unknown>,
): Promise<StripeBenchRow> {
  return { operation, ...(await closedLoop(CONCURRENCY, seconds, op)) };
}

/** PaymentIntent create and confirm through the real SDK, against the emulator in its own process. */
export async function benchStripe(seconds: number): Promise<StripeBenchRow[]> {
  const emulator = await startEmulators(PORT - 1);
  try {
    const stripe = new Stripe('sk_test_bench', {
      host: '127.0.0.1',
      port: PORT,
      protocol: 'http',
      telemetry: false,
    });
    const create = () =>
      stripe.paymentIntents.create({
        amount: 2599,
        currency: 'usd',
        automatic_payment_methods: { enabled: true },
        metadata: { cart_id: crypto.randomUUID() },
      });
    const rows = [await measure('create', seconds, create)];
    const ready: string[] = [];
    for (let i = 0; i < 2000; i++) ready.push((await create()).id);
    rows.push(
      await measure('confirm (4242)', seconds, () => {
        const id = ready.pop();
        return id
          ? stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' })
          : create();
      }),
    );
    return rows;
  } finally {
    await emulator.stop();
  }
}
