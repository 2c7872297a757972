import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BookCover } from '@/components/books/book-cover';
import { Price } from '@/components/books/price';
import { AddToCartForm } from '@/components/cart/add-to-cart-form';
import { findBookBySlug, listBooks } from '@/lib/catalog/catalog';
import { MAX_QUANTITY_PER_LINE, STORE_CURRENCY } from '@/lib/store-settings';

type Props = { params: Promise<{ slug: string }> };

// Every book page is built ahead; any other slug is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return listBooks().map((book) => ({ slug: book.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = findBookBySlug((await params).slug);
  if (!book) return { title: 'Book not found' };
  return {
    title: `${book.title} by ${book.author}`,
    description: book.description,
  };
}

export default async function BookPage({ params }: Props) {
  const book = findBookBySlug((await params).slug);
  if (!book) notFound();
  return (
    <article className="book-detail" aria-labelledby="book-title">
      <BookCover book={book} size="large" priority />
      <div className="book-detail__body">
        <h1 id="book-title">{book.title}</h1>
        <p className="book-detail__byline">
          {book.author}, {book.year}
        </p>
        <p>{book.description}</p>
        <Price className="price price--large" amount={book.price} currency={STORE_CURRENCY} />
        <AddToCartForm bookId={book.id} withQuantity maxQuantity={MAX_QUANTITY_PER_LINE} />
      </div>
    </article>
  );
}
