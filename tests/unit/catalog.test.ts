import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBookById, findBookBySlug, listBooks } from '@/lib/catalog/catalog';
import { GENRES } from '@/lib/catalog/genres';
import { MAX_CART_LINES } from '@/lib/store-settings';

describe('catalog', () => {
  const books = listBooks();

  it('has enough books to fill a cart to its line cap', () => {
    expect(books.length).toBeGreaterThanOrEqual(Math.max(12, MAX_CART_LINES));
  });

  it('has unique ids and slugs, positive integer prices, whole initial stock and a cover file per book', () => {
    expect(new Set(books.map((b) => b.id)).size).toBe(books.length);
    expect(new Set(books.map((b) => b.slug)).size).toBe(books.length);
    for (const book of books) {
      expect(Number.isSafeInteger(book.price) && book.price > 0).toBe(true);
      expect(Number.isSafeInteger(book.initialStock) && book.initialStock >= 0).toBe(true);
      expect(existsSync(join(process.cwd(), 'public', book.cover))).toBe(true);
    }
  });

  it('puts every book on one to three known shelves', () => {
    const known: ReadonlySet<string> = new Set(GENRES);
    for (const book of books) {
      expect(book.genres.length, book.title).toBeGreaterThanOrEqual(1);
      expect(book.genres.length, book.title).toBeLessThanOrEqual(3);
      expect(new Set(book.genres).size, book.title).toBe(book.genres.length);
      for (const genre of book.genres)
        expect(known.has(genre), `${book.title}: ${genre}`).toBe(true);
    }
  });

  it('never resolves prototype keys as books', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(findBookById(key)).toBeUndefined();
      expect(findBookBySlug(key)).toBeUndefined();
    }
  });
});
