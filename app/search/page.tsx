import type { Metadata } from 'next';
import { CatalogView } from '@/components/catalog/catalog-view';
import { listBooks } from '@/lib/catalog/catalog';
import { catalogFacets } from '@/lib/catalog/catalog-facets';
import { searchCatalog } from '@/lib/catalog/catalog-search';
import { parseSearchParams } from '@/lib/catalog/search-params';
import { describeResults } from '@/lib/catalog/search-summary';

/**
 * `/` with a search, filter or sort in its query, rewritten here
 * (next.config.mjs) so the unfiltered catalog stays prerendered. Shoppers
 * see `/?…` URLs; this path is an implementation detail, hence canonical `/`.
 */
export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const { query } = parseSearchParams(await searchParams, catalogFacets());
  return {
    title: query.text ? `Search for “${query.text}”` : 'Browse the catalog',
    // Endless query combinations of one catalog: the catalog itself is what to index.
    robots: { index: false, follow: true },
    // Resolved against the layout's metadataBase, as the catalog's own is.
    alternates: { canonical: '/' },
  };
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const facets = catalogFacets();
  const search = parseSearchParams(await searchParams, facets);
  const books = searchCatalog(search.query);
  return (
    <CatalogView
      search={search}
      facets={facets}
      books={books}
      summary={describeResults(search.query, facets, books.length)}
      catalogSize={listBooks().length}
    />
  );
}
