import 'server-only';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Book } from './book';
import { listBooks } from './catalog';
import { foldText } from './fold-text';

type IndexedBook = Pick<Book, 'id' | 'title' | 'author' | 'description'>;

export type CatalogIndex = MiniSearch<IndexedBook>;

/** Words this short match only as typed: one edit away from "war" is half the language. */
const SHORTEST_FUZZY_TERM = 4;
const SHORTEST_PREFIX_TERM = 3;

/**
 * A title or author hit says far more about what the shopper wants than a
 * word somewhere in a description.
 */
const SEARCH_OPTIONS: SearchOptions = {
  boost: { title: 3, author: 3, description: 1 },
  // 0.2 of the word's length, rounded: one edit for "melvile", two for "frankenstien".
  fuzzy: (term) => (term.length >= SHORTEST_FUZZY_TERM ? 0.2 : false),
  prefix: (term) => term.length >= SHORTEST_PREFIX_TERM,
  combineWith: 'AND',
};

const OPTIONS: Options<IndexedBook> = {
  fields: ['title', 'author', 'description'],
  // The same folding runs on the books and on the query, so accents never decide a match.
  processTerm: (term) => foldText(term) || null,
  searchOptions: SEARCH_OPTIONS,
};

export function buildCatalogIndex(books: readonly Book[]): CatalogIndex {
  const index = new MiniSearch<IndexedBook>(OPTIONS);
  index.addAll(
    books.map(({ id, title, author, description }) => ({ id, title, author, description })),
  );
  return index;
}

let shared: CatalogIndex | undefined;

/** The catalog's index, built on the first search and kept for the life of the process. */
export function catalogIndex(): CatalogIndex {
  shared ??= buildCatalogIndex(listBooks());
  return shared;
}
