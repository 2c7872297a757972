import 'server-only';
import type { Book } from './book';
import { listBooks } from './catalog';
import { buildCatalogIndex, catalogIndex, type CatalogIndex } from './catalog-index';
import { buildSortRanks, sortBooks, type SortKey } from './catalog-sort';
import { slugify } from './fold-text';

/** What the shopper asked for, already validated (lib/catalog/search-params.ts). */
export type CatalogQuery = {
  /** Free text; empty for none. */
  text: string;
  /** An author's slug (catalog-facets.ts). */
  author: string | null;
  /** A genre's slug. */
  genre: string | null;
  /** Inclusive bounds in minor units of the store currency. */
  minPrice: number | null;
  maxPrice: number | null;
  /** Null for the default: relevance with text, the catalog's own order without. */
  sort: SortKey | null;
};

export const EMPTY_QUERY: CatalogQuery = {
  text: '',
  author: null,
  genre: null,
  minPrice: null,
  maxPrice: null,
  sort: null,
};

export type CatalogSearch = (query: CatalogQuery) => Book[];

type FacetKeys = { author: string; genres: ReadonlySet<string> };

export function createCatalogSearch(
  books: readonly Book[],
  index: CatalogIndex = buildCatalogIndex(books),
): CatalogSearch {
  const byId = new Map(books.map((book) => [book.id, book]));
  const ranks = buildSortRanks(books);
  // Slugs once per book rather than once per book per search.
  const keys = new Map<string, FacetKeys>(
    books.map((book) => [
      book.id,
      { author: slugify(book.author), genres: new Set(book.genres.map(slugify)) },
    ]),
  );

  function matchesFilters(book: Book, query: CatalogQuery): boolean {
    const facet = keys.get(book.id);
    if (query.author !== null && facet?.author !== query.author) return false;
    if (query.genre !== null && !facet?.genres.has(query.genre)) return false;
    if (query.minPrice !== null && book.price < query.minPrice) return false;
    if (query.maxPrice !== null && book.price > query.maxPrice) return false;
    return true;
  }

  function textMatches(text: string): Book[] {
    let hits = index.search(text);
    // Every word must match, for precise results; but a query with one word
    // no book has still finds the books that have the others.
    if (hits.length === 0) hits = index.search(text, { combineWith: 'OR' });
    return hits.flatMap((hit) => {
      const book = byId.get(String(hit.id));
      return book ? [book] : [];
    });
  }

  return (query) => {
    const text = query.text.trim();
    const found = (text ? textMatches(text) : books).filter((book) => matchesFilters(book, query));
    const sort = query.sort ?? 'relevance';
    // Relevance is the index's ranking; without text it is the catalog's own order.
    return sort === 'relevance' ? found : sortBooks(found, ranks[sort]);
  };
}

let shared: CatalogSearch | undefined;

/** Searches the store's catalog; the index is built on first use, once per process. */
export function searchCatalog(query: CatalogQuery): Book[] {
  shared ??= createCatalogSearch(listBooks(), catalogIndex());
  return shared(query);
}
