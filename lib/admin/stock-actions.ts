/** Operators' stock counts, for the back office and the API alike, each audited. */
import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Book } from '../catalog/book';
import { listBooks } from '../catalog/catalog';
import { readStockLevels, setStock, type StockLevel } from '../store/stock-store';
import { audit } from './audit-log';

export type BookStock = StockLevel & { title: string };

export async function listBookStock(
  store: Redis,
  books: readonly Book[] = listBooks(),
): Promise<BookStock[]> {
  const levels = await readStockLevels(store, books);
  return levels.map((level, i) => ({ ...level, title: books[i]?.title ?? level.bookId }));
}

export async function setStockAs(
  store: Redis,
  actor: string,
  book: Book,
  stock: number,
): Promise<BookStock> {
  const [before] = await listBookStock(store, [book]);
  await setStock(store, book.id, stock);
  await audit(store, {
    actor,
    action: 'set_stock',
    orderId: null,
    outcome: 'ok',
    detail: `${book.id} ${book.title}: ${before?.onHand ?? '?'} → ${stock} on the shelf`,
  });
  const [after] = await listBookStock(store, [book]);
  if (!after) throw new Error(`no stock level for ${book.id}`);
  return after;
}

export function toStockJson(level: BookStock) {
  return {
    book_id: level.bookId,
    title: level.title,
    stock: level.onHand,
    held: level.held,
    available: level.available,
  };
}
