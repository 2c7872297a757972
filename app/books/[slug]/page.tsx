import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BookCover } from '@/components/books/book-cover';
import { BookJsonLd } from '@/components/books/book-json-ld';
import { Price } from '@/components/books/price';
import { AddToCartForm } from '@/components/cart/add-to-cart-form';
import { AvailabilityProvider } from '@/components/stock/availability-provider';
import { StockBadge } from '@/components/stock/stock-badge';
import { bookStructuredData } from '@/lib/catalog/book-structured-data';
import { findBookBySlug, listBooks } from '@/lib/catalog/catalog';
import { coverMarkup } from '@/lib/covers/cover-markup';
import { schemaAvailability } from '@/lib/stock/availability';
import { MAX_QUANTITY_PER_LINE, STORE_CURRENCY, STORE_NAME } from '@/lib/store-settings';

type Props = { params: Promise<{ slug: string }> };

// Every book page is built ahead; any other slug is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return listBooks().map((book) => ({ slug: book.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = findBookBySlug((await params).slug);
  if (!book) return { title: 'Book not found' };
  const title = `${book.title} by ${book.author}`;
  const path = `/books/${book.slug}`;
  // og:image and twitter:image come from opengraph-image.tsx beside this page.
  return {
    title,
    description: book.description,
    alternates: { canonical: path },
    openGraph: {
      type: 'book',
      siteName: STORE_NAME,
      url: path,
      title,
      description: book.description,
    },
    twitter: { card: 'summary_large_image', title, description: book.description },
  };
}

export default async function BookPage({ params }: Props) {
  const book = findBookBySlug((await params).slug);
  if (!book) notFound();
  // Built with the catalog's count; the live count replaces it once the page shows.
  const structured = bookStructuredData(book, schemaAvailability(book.initialStock));
  return (
    <AvailabilityProvider ids={[book.id]}>
      <article className="book-detail" aria-labelledby="book-title">
        <BookJsonLd bookId={book.id} data={structured} />
        {/* Drawn in the page, the cover needs no request and no document of its own. */}
        <BookCover book={book} size="large" markup={coverMarkup(book.cover)} />
        <div className="book-detail__body">
          <h1 id="book-title">{book.title}</h1>
          <p className="book-detail__byline">
            {book.author}, {book.year}
          </p>
          <p>{book.description}</p>
          <Price className="price price--large" amount={book.price} currency={STORE_CURRENCY} />
          <StockBadge bookId={book.id} />
          <AddToCartForm bookId={book.id} withQuantity maxQuantity={MAX_QUANTITY_PER_LINE} />
        </div>
      </article>
    </AvailabilityProvider>
  );
}
