import 'server-only';
import { formatMoney } from '@/lib/money';
import { STORE_CURRENCY } from '@/lib/store-settings';
import { facetLabel, type CatalogFacets } from './catalog-facets';
import type { CatalogQuery } from './catalog-search';

/** The parts of a query in words: “melville”, by Herman Melville, in Adventure, up to $20.00. */
function criteria(query: CatalogQuery, facets: CatalogFacets, currency: string): string[] {
  const money = (amount: number) => formatMoney({ amount, currency });
  const parts: string[] = [];
  if (query.text) parts.push(`“${query.text}”`);
  const author = query.author === null ? undefined : facetLabel(facets.authors, query.author);
  if (author) parts.push(`by ${author}`);
  const genre = query.genre === null ? undefined : facetLabel(facets.genres, query.genre);
  if (genre) parts.push(`in ${genre}`);
  const { minPrice: min, maxPrice: max } = query;
  if (min !== null && max !== null) parts.push(`from ${money(min)} to ${money(max)}`);
  else if (min !== null) parts.push(`from ${money(min)}`);
  else if (max !== null) parts.push(`up to ${money(max)}`);
  return parts;
}

/** One sentence for the results count, read out by screen readers as results change. */
export function describeResults(
  query: CatalogQuery,
  facets: CatalogFacets,
  count: number,
  currency: string = STORE_CURRENCY,
): string {
  const parts = criteria(query, facets, currency).join(', ');
  if (count === 0) return `No books match ${parts || 'this search'}.`;
  const books = `${count} ${count === 1 ? 'book' : 'books'}`;
  return parts ? `${books} matching ${parts}` : books;
}
