import 'server-only';
import type { Book } from './book';
import { BOOKS } from './books-data';

// Maps, not plain objects: ids such as "__proto__" must never resolve.
const byId = new Map(BOOKS.map((book) => [book.id, book]));
const bySlug = new Map(BOOKS.map((book) => [book.slug, book]));

export function listBooks(): readonly Book[] {
  return BOOKS;
}

export function findBookById(id: string): Book | undefined {
  return byId.get(id);
}

export function findBookBySlug(slug: string): Book | undefined {
  return bySlug.get(slug);
}
