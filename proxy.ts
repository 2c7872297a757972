import { NextResponse, type NextRequest } from 'next/server';
import { BOOKS } from './lib/catalog/books-data';

const SLUGS = new Set(BOOKS.map((book) => book.slug));

/**
 * Book pages stream from a prerendered shell, so a notFound() inside the page
 * would arrive after a 200 status. Unknown slugs are answered here instead,
 * with Next's own 404 page and status.
 */
export function proxy(request: NextRequest) {
  if (SLUGS.has(request.nextUrl.pathname.slice('/books/'.length))) return NextResponse.next();
  return NextResponse.rewrite(new URL('/_unknown-book', request.url));
}

export const config = { matcher: '/books/:slug' };
