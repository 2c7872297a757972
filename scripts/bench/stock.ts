/**
 * Stock under load: copies held by 50 concurrent preparers, in the store
 * alone and through the whole of preparePayment (Stripe emulator included),
 * the read pages make, and the race for the last copies.
 */
import type { Redis } from '@upstash/redis';
import { emptyCart } from '../../lib/cart/cart';
import { listBooks } from '../../lib/catalog/catalog';
import type { CheckoutDeps } from '../../lib/checkout/checkout-deps';
import { preparePayment } from '../../lib/checkout/prepare-payment';
import { createLogger } from '../../lib/log/logger';
import { createStoreClient } from '../../lib/store/store-client';
import { holdStock, readStockLevels, setStock } from '../../lib/store/stock-store';
import { createStripeClient } from '../../lib/stripe/stripe-server';
import { BENCH_UPSTASH_TOKEN, startEmulators } from './next-server';
import { closedLoop } from './closed-loop';
import { forEachStoreBackend } from './store-backends';

export type StockBenchRow = {
  backend: string;
  operation: string;
  concurrency: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
};

export type StockBenchResult = {
  rows: StockBenchRow[];
  /** Winners when 50 carts race for the last 3 copies, per backend. */
  races: Array<{ backend: string; carts: number; copies: number; winners: number }>;
};

const CONCURRENCY = 50;
const PORT = 3550;
const BOOK = { id: 'b02', initialStock: 0 };
/** Generous, so a timeout is the store being slow, not a bench artefact. */
const TIMEOUT_MS = 10_000;

async function load(
  backend: string,
  operation: string,
  seconds: number,
  op: (i: number) => Promise<unknown>,
): Promise<StockBenchRow> {
  const result = await closedLoop(CONCURRENCY, seconds, op);
  return { backend, operation, concurrency: CONCURRENCY, ...result };
}

const holdOne = (store: Redis, cartId: string) =>
  holdStock(store, cartId, [{ bookId: BOOK.id, quantity: 1, initialStock: 0 }], {
    until: Date.now() + 3_600_000,
  });

async function benchBackend(store: Redis, backend: string, seconds: number) {
  await store.flushall();
  await setStock(store, BOOK.id, 1_000_000_000);
  const run = crypto.randomUUID();
  const hold = await load(backend, 'hold copies (store)', seconds, (i) =>
    holdOne(store, `${run}-${i}`).then((held) => {
      if (!held.ok) throw new Error('refused');
    }),
  );
  const books = listBooks();
  const read = await load(backend, `read ${books.length} books' availability`, seconds, () =>
    readStockLevels(store, books),
  );
  await store.flushall();
  await setStock(store, BOOK.id, 3);
  const raced = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => holdOne(store, `race-${i}`)),
  );
  return {
    rows: [hold, read],
    race: { backend, carts: CONCURRENCY, copies: 3, winners: raced.filter((r) => r.ok).length },
  };
}

/** preparePayment for new carts, 50 at once, against the emulators (in-memory store). */
async function benchPreparers(seconds: number): Promise<StockBenchRow> {
  const emulators = await startEmulators(PORT);
  try {
    const deps: CheckoutDeps = {
      store: createStoreClient({
        url: `http://127.0.0.1:${PORT}`,
        token: BENCH_UPSTASH_TOKEN,
        timeoutMs: TIMEOUT_MS,
      }),
      stripe: createStripeClient({
        secretKey: 'sk_test_bench',
        apiBase: `http://127.0.0.1:${PORT + 1}`,
      }),
      secret: 'bench-stock-secret-0123456789abcdef0123',
      log: createLogger({ write: () => undefined }),
    };
    await setStock(deps.store, BOOK.id, 1_000_000_000);
    return await load('in-memory', 'prepare payment (store + Stripe)', seconds, (i) =>
      preparePayment(
        deps,
        { ...emptyCart(), lines: [{ bookId: BOOK.id, quantity: 1 }] },
        // A new address per cart: the card-testing limit is not what is measured.
        `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      ).then((prepared) => {
        if (prepared.kind !== 'ready') throw new Error(prepared.kind);
      }),
    );
  } finally {
    await emulators.stop();
  }
}

export async function benchStock(seconds: number): Promise<StockBenchResult> {
  const rows: StockBenchRow[] = [];
  const races: StockBenchResult['races'] = [];
  await forEachStoreBackend(async (store, name) => {
    const result = await benchBackend(store, name, seconds);
    rows.push(...result.rows);
    races.push(result.race);
  }, TIMEOUT_MS);
  rows.push(await benchPreparers(seconds));
  return { rows, races };
}
