import Link from 'next/link';
import type { Book } from '@/lib/catalog/book';
import { STORE_CURRENCY } from '@/lib/store-settings';
import { AddToCartForm } from '../cart/add-to-cart-form';
import { StockBadge } from '../stock/stock-badge';
import { BookCover } from './book-cover';
import { Price } from './price';

export function BookCard({ book, priority }: { book: Book; priority: boolean }) {
  const headingId = `book-${book.id}-title`;
  return (
    <article className="book-card" aria-labelledby={headingId}>
      <BookCover book={book} size="medium" priority={priority} />
      <h2 id={headingId} className="book-card__title">
        <Link href={`/books/${book.slug}`}>{book.title}</Link>
      </h2>
      <p className="book-card__author">{book.author}</p>
      <Price className="price" amount={book.price} currency={STORE_CURRENCY} />
      <StockBadge bookId={book.id} />
      <AddToCartForm bookId={book.id} />
    </article>
  );
}
