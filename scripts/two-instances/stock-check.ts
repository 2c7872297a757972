/**
 * Stock across the deployment: every book starts a scenario with plenty of
 * copies, and must end it having lost exactly the copies its paid orders
 * bought, with nothing left held (every shopper paid).
 */
import type { Redis } from '@upstash/redis';
import { listBooks } from '../../lib/catalog/catalog';
import { getOrder } from '../../lib/store/orders';
import { readStockLevels, setStock, type StockLevel } from '../../lib/store/stock-store';
import type { EmulatedIntent } from './control';

/** More than two scenarios of forty shoppers can buy, so no shopper is turned away. */
const SEEDED_COPIES = 1_000;

export async function seedStock(store: Redis): Promise<void> {
  await Promise.all(listBooks().map((book) => setStock(store, book.id, SEEDED_COPIES)));
}

export function readStock(store: Redis): Promise<StockLevel[]> {
  return readStockLevels(store, listBooks());
}

export async function checkStockMoves(
  store: Redis,
  before: readonly StockLevel[],
  newIntents: readonly EmulatedIntent[],
): Promise<string[]> {
  const bought = new Map<string, number>();
  for (const intent of newIntents.filter((i) => i.status === 'succeeded')) {
    const order = intent.metadata.order_id ? await getOrder(store, intent.metadata.order_id) : null;
    for (const line of order?.lines ?? []) {
      bought.set(line.bookId, (bought.get(line.bookId) ?? 0) + line.quantity);
    }
  }
  const after = new Map((await readStock(store)).map((level) => [level.bookId, level]));
  const problems: string[] = [];
  for (const start of before) {
    const end = after.get(start.bookId);
    const taken = start.onHand - (end?.onHand ?? 0);
    const paid = bought.get(start.bookId) ?? 0;
    if (taken !== paid) {
      problems.push(`${start.bookId}: ${taken} copies left the shelf, paid orders bought ${paid}`);
    }
    if (end && end.held !== 0) problems.push(`${start.bookId}: ${end.held} copies still held`);
  }
  return problems;
}
