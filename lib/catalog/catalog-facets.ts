import 'server-only';
import type { Book } from './book';
import { listBooks } from './catalog';
import { authorSortKey } from './catalog-sort';
import { slugify } from './fold-text';
import { GENRES } from './genres';

/** A choice in a filter: `value` is what the URL carries, `label` what the shopper reads. */
export type FacetOption = { value: string; label: string };

export type CatalogFacets = {
  authors: readonly FacetOption[];
  genres: readonly FacetOption[];
};

const collator = new Intl.Collator('en', { sensitivity: 'base' });

export function buildCatalogFacets(books: readonly Book[]): CatalogFacets {
  const authors = new Map<string, string>();
  const genres = new Set<string>();
  for (const book of books) {
    authors.set(slugify(book.author), book.author);
    for (const genre of book.genres) genres.add(genre);
  }
  return {
    authors: [...authors]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => collator.compare(authorSortKey(a.label), authorSortKey(b.label))),
    // Only shelves that hold a book: a filter that can only ever come up empty is a trap.
    genres: GENRES.filter((genre) => genres.has(genre)).map((genre) => ({
      value: slugify(genre),
      label: genre,
    })),
  };
}

export function facetLabel(options: readonly FacetOption[], value: string): string | undefined {
  return options.find((option) => option.value === value)?.label;
}

let shared: CatalogFacets | undefined;

export function catalogFacets(): CatalogFacets {
  shared ??= buildCatalogFacets(listBooks());
  return shared;
}
