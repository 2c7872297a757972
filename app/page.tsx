import type { Metadata } from 'next';
import { CatalogView } from '@/components/catalog/catalog-view';
import { listBooks } from '@/lib/catalog/catalog';
import { catalogFacets } from '@/lib/catalog/catalog-facets';
import { parseSearchParams } from '@/lib/catalog/search-params';
import { describeResults } from '@/lib/catalog/search-summary';

export const metadata: Metadata = {
  title: { absolute: 'Folio — classic books' },
  description: 'Browse our catalog of public-domain classics, from Austen to Kafka.',
  alternates: { canonical: '/' },
};

// Prerendered: any search or filter in the query is rewritten to app/search (next.config.mjs).
export default function CatalogPage() {
  const facets = catalogFacets();
  const search = parseSearchParams({}, facets);
  const books = listBooks();
  return (
    <CatalogView
      search={search}
      facets={facets}
      books={books}
      summary={describeResults(search.query, facets, books.length)}
      catalogSize={books.length}
    />
  );
}
