import { describe, expect, it } from 'vitest';
import { catalogFacets } from '@/lib/catalog/catalog-facets';
import { EMPTY_QUERY } from '@/lib/catalog/catalog-search';
import {
  isFiltered,
  MAX_QUERY_LENGTH,
  parseSearchParams,
  type RawSearchParams,
} from '@/lib/catalog/search-params';
import { describeResults } from '@/lib/catalog/search-summary';

const parse = (raw: RawSearchParams) => parseSearchParams(raw, catalogFacets(), 'usd');

describe('search params', () => {
  it('reads a full search into a query, in minor units', () => {
    const { query, form, problems } = parse({
      q: '  moby   dick ',
      author: 'herman-melville',
      genre: 'adventure',
      min: '5',
      max: '20.50',
      sort: 'price-desc',
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      text: 'moby dick',
      author: 'herman-melville',
      genre: 'adventure',
      minPrice: 500,
      maxPrice: 2050,
      sort: 'price-desc',
    });
    expect(form).toEqual({
      q: 'moby dick',
      author: 'herman-melville',
      genre: 'adventure',
      min: '5',
      max: '20.50',
      sort: 'price-desc',
    });
    expect(isFiltered(query)).toBe(true);
  });

  it('treats empty values, as an empty form sends them, as no filter', () => {
    const parsed = parse({ q: '', author: '', genre: '', min: '', max: '', sort: '' });
    expect(parsed).toEqual({
      query: EMPTY_QUERY,
      form: { q: '', author: '', genre: '', min: '', max: '', sort: '' },
      problems: [],
    });
    expect(isFiltered(parsed.query)).toBe(false);
  });

  it('ignores each invalid value with a message that names it', () => {
    const { query, form, problems } = parse({
      q: 'emma',
      author: 'nobody',
      genre: 'cookery',
      min: 'abc',
      max: '12.345',
      sort: 'cheapest',
    });
    expect(query).toEqual({ ...EMPTY_QUERY, text: 'emma' });
    expect(form).toEqual({ q: 'emma', author: '', genre: '', min: '', max: '', sort: '' });
    expect(problems).toEqual([
      'No author “nobody” is in the catalog, so the author filter was ignored.',
      'There is no genre “cookery”, so the genre filter was ignored.',
      'The minimum price “abc” is not an amount such as 12 or 12.50, so it was ignored.',
      'The maximum price “12.345” is not an amount such as 12 or 12.50, so it was ignored.',
      expect.stringMatching(/^There is no sort order “cheapest” \(there are relevance, title, /),
    ]);
  });

  it('refuses negative amounts and a range upside down', () => {
    expect(parse({ min: '-5' }).query.minPrice).toBeNull();
    const upsideDown = parse({ min: '20', max: '10' });
    expect(upsideDown.query).toEqual(EMPTY_QUERY);
    expect(upsideDown.problems).toEqual([
      'The minimum price ($20.00) is above the maximum ($10.00), so the price range was ignored.',
    ]);
  });

  it('uses the first of a repeated key and says so', () => {
    const { query, problems } = parse({ genre: ['gothic', 'romance'] });
    expect(query.genre).toBe('gothic');
    expect(problems).toEqual(['“genre” was given more than once; the first was used.']);
  });

  it('cuts an over-long search text, and quotes only the start of a long bad value', () => {
    const long = parse({ q: 'a'.repeat(MAX_QUERY_LENGTH + 50) });
    expect(long.query.text).toHaveLength(MAX_QUERY_LENGTH);
    expect(long.problems).toEqual([
      `The search text was cut to its first ${MAX_QUERY_LENGTH} characters.`,
    ]);
    const [problem] = parse({ sort: 'x'.repeat(500) }).problems;
    expect(problem?.length).toBeLessThan(200);
  });

  it('is never fooled by prototype keys', () => {
    const { query, problems } = parse({
      author: '__proto__',
      genre: 'constructor',
      sort: 'toString',
    });
    expect(query).toEqual(EMPTY_QUERY);
    expect(problems).toHaveLength(3);
  });
});

describe('results summary', () => {
  const facets = catalogFacets();

  it('counts the whole catalog plainly', () => {
    expect(describeResults(EMPTY_QUERY, facets, 32, 'usd')).toBe('32 books');
  });

  it('names what was searched for, with prices in the store’s format', () => {
    const query = {
      ...EMPTY_QUERY,
      text: 'melvile',
      author: 'herman-melville',
      genre: 'adventure',
      maxPrice: 2000,
    };
    expect(describeResults(query, facets, 1, 'usd')).toBe(
      '1 book matching “melvile”, by Herman Melville, in Adventure, up to $20.00',
    );
    expect(
      describeResults({ ...EMPTY_QUERY, minPrice: 500, maxPrice: 1000 }, facets, 2, 'usd'),
    ).toBe('2 books matching from $5.00 to $10.00');
  });

  it('says plainly when nothing matches', () => {
    expect(describeResults({ ...EMPTY_QUERY, text: 'zzz' }, facets, 0, 'usd')).toBe(
      'No books match “zzz”.',
    );
  });
});

describe('catalog facets', () => {
  it('lists each author once, by surname, and only genres that hold a book', () => {
    const { authors, genres } = catalogFacets();
    expect(authors[0]).toEqual({ value: 'louisa-may-alcott', label: 'Louisa May Alcott' });
    expect(authors.filter((a) => a.label === 'Jane Austen')).toHaveLength(1);
    expect(authors).toContainEqual({ value: 'charlotte-bronte', label: 'Charlotte Brontë' });
    expect(genres).toContainEqual({ value: 'childrens', label: "Children's" });
    expect(genres).toContainEqual({ value: 'science-fiction', label: 'Science fiction' });
  });
});
