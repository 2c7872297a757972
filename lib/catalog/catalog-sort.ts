import type { Book } from './book';

export const SORT_OPTIONS = [
  { key: 'relevance', label: 'Relevance' },
  { key: 'title', label: 'Title, A to Z' },
  { key: 'author', label: 'Author, A to Z' },
  { key: 'year-asc', label: 'Oldest first' },
  { key: 'year-desc', label: 'Newest first' },
  { key: 'price-asc', label: 'Price, low to high' },
  { key: 'price-desc', label: 'Price, high to low' },
] as const;

export type SortKey = (typeof SORT_OPTIONS)[number]['key'];

/** Every order but relevance, which only a text search can give. */
export type FixedSortKey = Exclude<SortKey, 'relevance'>;

const SORT_KEYS: ReadonlySet<string> = new Set(SORT_OPTIONS.map((option) => option.key));

export function isSortKey(value: string): value is SortKey {
  return SORT_KEYS.has(value);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Shelves ignore a leading article: "The Time Machine" stands under T for Time. */
export function titleSortKey(title: string): string {
  return title.replace(/^(the|a|an)\s+/i, '');
}

/** Surname first, as a bookshop shelves authors: "Arthur Conan Doyle" under D. */
export function authorSortKey(author: string): string {
  const words = author.trim().split(/\s+/);
  return `${words.at(-1) ?? ''} ${author}`;
}

type Keyed = { book: Book; title: string; author: string };

const COMPARE: Record<FixedSortKey, (a: Keyed, b: Keyed) => number> = {
  title: (a, b) => collator.compare(a.title, b.title) || collator.compare(a.author, b.author),
  author: (a, b) =>
    collator.compare(a.author, b.author) ||
    a.book.year - b.book.year ||
    collator.compare(a.title, b.title),
  'year-asc': (a, b) => a.book.year - b.book.year || collator.compare(a.title, b.title),
  'year-desc': (a, b) => b.book.year - a.book.year || collator.compare(a.title, b.title),
  'price-asc': (a, b) => a.book.price - b.book.price || collator.compare(a.title, b.title),
  'price-desc': (a, b) => b.book.price - a.book.price || collator.compare(a.title, b.title),
};

/** Each book's place in every fixed order. */
export type SortRanks = Record<FixedSortKey, ReadonlyMap<string, number>>;

/**
 * The catalog never changes while the process runs, so each order is worked
 * out once; sorting a result is then a comparison of two integers, cheap
 * even for a page of thousands.
 */
export function buildSortRanks(books: readonly Book[]): SortRanks {
  const keyed: Keyed[] = books.map((book) => ({
    book,
    title: titleSortKey(book.title),
    author: authorSortKey(book.author),
  }));
  const rank = (key: FixedSortKey) =>
    new Map([...keyed].sort(COMPARE[key]).map((entry, place) => [entry.book.id, place]));
  return {
    title: rank('title'),
    author: rank('author'),
    'year-asc': rank('year-asc'),
    'year-desc': rank('year-desc'),
    'price-asc': rank('price-asc'),
    'price-desc': rank('price-desc'),
  };
}

export function sortBooks(books: readonly Book[], order: ReadonlyMap<string, number>): Book[] {
  const place = (book: Book) => order.get(book.id) ?? Number.MAX_SAFE_INTEGER;
  return [...books].sort((a, b) => place(a) - place(b));
}
