import 'server-only';
import { formatMoney, minorUnitsPerMajor, parseMoneyInput } from '@/lib/money';
import { STORE_CURRENCY } from '@/lib/store-settings';
import { facetLabel, type CatalogFacets } from './catalog-facets';
import { EMPTY_QUERY, type CatalogQuery } from './catalog-search';
import { isSortKey, SORT_OPTIONS } from './catalog-sort';

/**
 * The query keys of a catalog search. Any of them on `/` sends the request to
 * the dynamic search page (next.config.mjs rewrites); without them `/` is the
 * prerendered catalog.
 */
export const SEARCH_PARAM_KEYS = ['q', 'author', 'genre', 'min', 'max', 'sort'] as const;

export type SearchParamKey = (typeof SEARCH_PARAM_KEYS)[number];

/** What Next gives a page as its searchParams. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Longer than any title and author together; more is not a search but a paste. */
export const MAX_QUERY_LENGTH = 100;

/** Values for the form to show again: what was used, or empty where a value was ignored. */
export type SearchFormValues = Record<SearchParamKey, string>;

export type ParsedSearch = {
  query: CatalogQuery;
  form: SearchFormValues;
  /** One sentence per value that could not be used, for the shopper. */
  problems: string[];
};

const EMPTY_FORM: SearchFormValues = { q: '', author: '', genre: '', min: '', max: '', sort: '' };

/** A shopper's own text, quoted in a message: short enough to never swamp the page. */
function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `“${shown}”`;
}

function amountExample(currency: string): string {
  return minorUnitsPerMajor(currency) > 1 ? '12 or 12.50' : '1200';
}

export function parseSearchParams(
  raw: RawSearchParams,
  facets: CatalogFacets,
  currency: string = STORE_CURRENCY,
): ParsedSearch {
  const problems: string[] = [];
  const form: SearchFormValues = { ...EMPTY_FORM };
  const query: CatalogQuery = { ...EMPTY_QUERY };

  // A link or form may repeat a key; the first wins, as in URLSearchParams.get.
  const value = (key: SearchParamKey): string => {
    const given = raw[key];
    if (Array.isArray(given)) {
      if (given.length > 1) problems.push(`“${key}” was given more than once; the first was used.`);
      return (given[0] ?? '').trim();
    }
    return (given ?? '').trim();
  };

  let text = value('q').replace(/\s+/g, ' ');
  if (text.length > MAX_QUERY_LENGTH) {
    text = text.slice(0, MAX_QUERY_LENGTH).trimEnd();
    problems.push(`The search text was cut to its first ${MAX_QUERY_LENGTH} characters.`);
  }
  query.text = text;
  form.q = text;

  const author = value('author');
  if (author && facetLabel(facets.authors, author)) {
    query.author = author;
    form.author = author;
  } else if (author) {
    problems.push(
      `No author ${quoted(author)} is in the catalog, so the author filter was ignored.`,
    );
  }

  const genre = value('genre');
  if (genre && facetLabel(facets.genres, genre)) {
    query.genre = genre;
    form.genre = genre;
  } else if (genre) {
    problems.push(`There is no genre ${quoted(genre)}, so the genre filter was ignored.`);
  }

  const price = (key: 'min' | 'max', name: string): number | null => {
    const given = value(key);
    if (!given) return null;
    const amount = parseMoneyInput(given, currency);
    if (amount === null) {
      problems.push(
        `The ${name} price ${quoted(given)} is not an amount such as ${amountExample(currency)}, so it was ignored.`,
      );
      return null;
    }
    form[key] = given;
    return amount;
  };
  const minPrice = price('min', 'minimum');
  const maxPrice = price('max', 'maximum');
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) {
    problems.push(
      `The minimum price (${formatMoney({ amount: minPrice, currency })}) is above the maximum (${formatMoney({ amount: maxPrice, currency })}), so the price range was ignored.`,
    );
    form.min = '';
    form.max = '';
  } else {
    query.minPrice = minPrice;
    query.maxPrice = maxPrice;
  }

  const sort = value('sort');
  if (sort && isSortKey(sort)) {
    query.sort = sort;
    // The form offers relevance as its default, the empty choice.
    form.sort = sort === 'relevance' ? '' : sort;
  } else if (sort) {
    const known = SORT_OPTIONS.map((option) => option.key).join(', ');
    problems.push(
      `There is no sort order ${quoted(sort)} (there are ${known}), so the default order was used.`,
    );
  }

  return { query, form, problems };
}

/** Whether the shopper narrowed the catalog at all (sorting alone does not). */
export function isFiltered(query: CatalogQuery): boolean {
  return (
    query.text !== '' ||
    query.author !== null ||
    query.genre !== null ||
    query.minPrice !== null ||
    query.maxPrice !== null
  );
}
