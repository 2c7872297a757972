/**
 * How availability reads to a shopper; no store access, so pages and client
 * leaves share the one wording.
 */
export const LOW_STOCK_FROM = 5;

export type Availability = 'in_stock' | 'low' | 'sold_out';

/** What `GET /api/stock` answers. */
export type StockJson = {
  books: Array<{ id: string; available: number; availability: Availability; label: string }>;
};

export function availabilityOf(available: number): Availability {
  if (available <= 0) return 'sold_out';
  return available <= LOW_STOCK_FROM ? 'low' : 'in_stock';
}

export function availabilityLabel(available: number): string {
  const kind = availabilityOf(available);
  if (kind === 'sold_out') return 'Sold out';
  return kind === 'low' ? `Only ${available} left` : 'In stock';
}

export const SOLD_OUT_REASON = 'Every copy has been sold; we will restock it soon.';

function copies(n: number): string {
  return n === 1 ? '1 copy' : `${n} copies`;
}

/** Why a cart may not have `wanted` copies of a book when `available` are left. */
export function tooFewMessage(title: string, available: number): string {
  return available <= 0
    ? `${title} is sold out.`
    : `Only ${copies(available)} of ${title} ${available === 1 ? 'is' : 'are'} left.`;
}

/** schema.org's ItemAvailability for a count, as structured data states it. */
export function schemaAvailability(
  available: number,
): 'InStock' | 'LimitedAvailability' | 'OutOfStock' {
  const kind = availabilityOf(available);
  return kind === 'sold_out' ? 'OutOfStock' : kind === 'low' ? 'LimitedAvailability' : 'InStock';
}
