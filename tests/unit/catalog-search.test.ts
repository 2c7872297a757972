import { describe, expect, it } from 'vitest';
import type { Book } from '@/lib/catalog/book';
import { listBooks } from '@/lib/catalog/catalog';
import {
  createCatalogSearch,
  EMPTY_QUERY,
  searchCatalog,
  type CatalogQuery,
} from '@/lib/catalog/catalog-search';

const search = (query: Partial<CatalogQuery>) => searchCatalog({ ...EMPTY_QUERY, ...query });
const titles = (books: readonly Book[]) => books.map((book) => book.title);

describe('catalog search', () => {
  it('lists the whole catalog, in its own order, for an empty query', () => {
    expect(search({})).toEqual(listBooks());
  });

  it('finds a book by its author, title or description', () => {
    expect(titles(search({ text: 'melville' }))).toEqual(['Moby-Dick']);
    expect(titles(search({ text: 'frankenstein' }))[0]).toBe('Frankenstein');
    expect(titles(search({ text: 'Pequod' }))).toEqual(['Moby-Dick']);
  });

  it('ignores case and accents, both ways', () => {
    expect(titles(search({ text: 'BRONTE' }))).toEqual(
      expect.arrayContaining(['Jane Eyre', 'Wuthering Heights']),
    );
    expect(titles(search({ text: 'misérables' }))).toEqual(['Les Misérables']);
    expect(titles(search({ text: 'miserables' }))).toEqual(['Les Misérables']);
    expect(titles(search({ text: 'DANTES' }))).toEqual(['The Count of Monte Cristo']);
  });

  it('forgives a one-edit typo in a name', () => {
    expect(titles(search({ text: 'melvile' }))).toEqual(['Moby-Dick']);
    // A swapped pair is two edits, more than a seven-letter word is allowed.
    expect(search({ text: 'dikcens' })).toEqual([]);
    expect(titles(search({ text: 'dickns' }))).toEqual(
      expect.arrayContaining(['Great Expectations', 'A Tale of Two Cities']),
    );
    expect(titles(search({ text: 'austin' }))).toEqual(
      expect.arrayContaining(['Pride and Prejudice', 'Emma', 'Sense and Sensibility']),
    );
    expect(titles(search({ text: 'frankenstien' }))[0]).toBe('Frankenstein');
  });

  it('matches the start of a word as it is typed', () => {
    expect(titles(search({ text: 'sherl' }))).toEqual(['The Adventures of Sherlock Holmes']);
  });

  it('ranks a title or author hit above a word in a description', () => {
    const white = titles(search({ text: 'white' }));
    expect(white).toEqual(
      expect.arrayContaining(['Moby-Dick', "Alice's Adventures in Wonderland"]),
    );
    const war = titles(search({ text: 'war' }));
    expect(war.slice(0, 2).sort()).toEqual(['The War of the Worlds', 'War and Peace']);
    expect(war).toContain('Little Women'); // "away at war", in its description, comes later
    expect(war.indexOf('Little Women')).toBeGreaterThan(1);
  });

  it('needs every word, but falls back to any word when no book has them all', () => {
    expect(titles(search({ text: 'jane austen' }))).toEqual(
      expect.arrayContaining(['Pride and Prejudice', 'Emma', 'Sense and Sensibility']),
    );
    expect(titles(search({ text: 'jane austen' }))).not.toContain('Jane Eyre');
    expect(titles(search({ text: 'melville zzzzqx' }))).toEqual(['Moby-Dick']);
    expect(search({ text: 'zzzzqx' })).toEqual([]);
  });

  it('filters by author, genre and an inclusive price range', () => {
    expect(titles(search({ author: 'jane-austen' })).sort()).toEqual([
      'Emma',
      'Pride and Prejudice',
      'Sense and Sensibility',
    ]);
    expect(titles(search({ author: 'charlotte-bronte' }))).toEqual(['Jane Eyre']);
    const gothic = search({ genre: 'gothic' });
    expect(gothic.length).toBeGreaterThan(3);
    expect(gothic.every((book) => book.genres.includes('Gothic'))).toBe(true);
    expect(titles(search({ genre: 'childrens' }))).toContain('Treasure Island');
    const band = search({ minPrice: 899, maxPrice: 999 });
    expect(band.every((book) => book.price >= 899 && book.price <= 999)).toBe(true);
    expect(titles(band)).toEqual(
      expect.arrayContaining(['Treasure Island', 'The Picture of Dorian Gray']),
    );
    expect(titles(search({ text: 'wells', genre: 'science-fiction', maxPrice: 800 }))).toEqual([
      'The Time Machine',
    ]);
  });

  it('sorts by title without leading articles, by surname, by year and by price', () => {
    const byTitle = titles(search({ sort: 'title' }));
    expect(byTitle.slice(0, 3)).toEqual([
      'Adventures of Huckleberry Finn',
      'The Adventures of Sherlock Holmes',
      "Alice's Adventures in Wonderland",
    ]);
    const byAuthor = search({ sort: 'author' }).map((book) => book.author);
    expect(byAuthor[0]).toBe('Louisa May Alcott');
    expect(byAuthor.at(-1)).toBe('Oscar Wilde');
    const years = search({ sort: 'year-asc' }).map((book) => book.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(search({ sort: 'year-desc' })[0]?.title).toBe('The Metamorphosis');
    const prices = search({ sort: 'price-desc' }).map((book) => book.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    expect(search({ sort: 'price-asc' })[0]?.price).toBe(699);
  });

  it('sorts a text search too, or keeps its ranking for relevance', () => {
    const ranked = titles(search({ text: 'adventures' }));
    expect(titles(search({ text: 'adventures', sort: 'relevance' }))).toEqual(ranked);
    expect(search({ text: 'adventures', sort: 'year-asc' }).map((b) => b.year)).toEqual(
      search({ text: 'adventures' })
        .map((b) => b.year)
        .sort((a, b) => a - b),
    );
  });

  it('searches any list of books it is given', () => {
    const books = listBooks().slice(0, 2);
    const own = createCatalogSearch(books);
    expect(titles(own({ ...EMPTY_QUERY, text: 'melville' }))).toEqual(['Moby-Dick']);
    expect(own({ ...EMPTY_QUERY, text: 'dracula' })).toEqual([]);
  });
});
