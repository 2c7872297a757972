/**
 * `GET /api/stock?ids=b01,b02`: what pages show beside each book. The pages
 * themselves stay prerendered; a small client leaf asks this when it shows.
 */
import 'server-only';
import { findBookById } from '../catalog/catalog';
import { jsonError } from '../http/json-api';
import { getStore, StoreUnavailableError } from '../store/store-client';
import { availabilityLabel, availabilityOf, type StockJson } from './availability';
import { availableCopies } from './cart-stock';

/** More than a page of books is not a page asking. */
export const MAX_STOCK_IDS = 60;

export async function stockForRequest(request: Request): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('ids');
  if (!raw) return jsonError(400, 'Give the books as ids=b01,b02.', 'ids');
  const ids = [...new Set(raw.split(','))];
  if (ids.length > MAX_STOCK_IDS) {
    return jsonError(400, `At most ${MAX_STOCK_IDS} books at once.`, 'ids');
  }
  const unknown = ids.find((id) => !findBookById(id));
  if (unknown !== undefined)
    return jsonError(400, `No book with id "${unknown.slice(0, 40)}".`, 'ids');
  let available: Map<string, number>;
  try {
    available = await availableCopies(getStore(), ids);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    return jsonError(503, 'Stock cannot be read right now.');
  }
  const body: StockJson = {
    books: ids.map((id) => {
      const n = available.get(id) ?? 0;
      return { id, available: n, availability: availabilityOf(n), label: availabilityLabel(n) };
    }),
  };
  // A few seconds of sharing is harmless: checkout holds copies atomically anyway.
  return Response.json(body, { headers: { 'Cache-Control': 'public, max-age=5' } });
}
