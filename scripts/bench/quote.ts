import { emptyCart, type Cart } from '../../lib/cart/cart';
import { quoteCart, type QuoteRequest } from '../../lib/pricing/quote-cart';
import { createStoreClient } from '../../lib/store/store-client';
import { createStripeClient } from '../../lib/stripe/stripe-server';
import { BENCH_UPSTASH_TOKEN, startEmulators } from './next-server';
import { percentile } from './percentile';

export type QuoteBenchRow = { destination: string; runs: number; p50: number; p99: number };

const PORT = 3470;

/**
 * quoteCart one call at a time against the emulators in their own process:
 * the catalog, the zone's rates and one Stripe Tax calculation per quote.
 */
export async function benchQuote(runs: number): Promise<QuoteBenchRow[]> {
  const emulators = await startEmulators(PORT);
  try {
    const deps = {
      store: createStoreClient({ url: `http://127.0.0.1:${PORT}`, token: BENCH_UPSTASH_TOKEN }),
      stripe: createStripeClient({
        secretKey: 'sk_test_bench',
        apiBase: `http://127.0.0.1:${PORT + 1}`,
      }),
    };
    const cart: Cart = {
      ...emptyCart(),
      lines: [
        { bookId: 'b01', quantity: 2 },
        { bookId: 'b02', quantity: 1 },
      ],
    };
    const cases: Array<[string, QuoteRequest]> = [
      ['no address yet', { destination: null, shippingRate: null, discountCode: null }],
      [
        'US, New York',
        {
          destination: { country: 'US', state: 'NY', postalCode: '10001' },
          shippingRate: null,
          discountCode: null,
        },
      ],
      [
        'United Kingdom, Express',
        { destination: { country: 'GB' }, shippingRate: 'express', discountCode: null },
      ],
      ['Germany', { destination: { country: 'DE' }, shippingRate: null, discountCode: null }],
    ];
    const rows: QuoteBenchRow[] = [];
    for (const [destination, request] of cases) {
      const durations: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const result = await quoteCart(deps, cart, request);
        durations.push(performance.now() - started);
        if (!result.ok) throw new Error(`${destination}: ${result.message}`);
      }
      durations.sort((a, b) => a - b);
      rows.push({
        destination,
        runs,
        p50: percentile(durations, 50),
        p99: percentile(durations, 99),
      });
    }
    return rows;
  } finally {
    await emulators.stop();
  }
}
