import Link from 'next/link';
import type { Book } from '@/lib/catalog/book';
import { STORE_CURRENCY } from '@/lib/store-settings';
import { AddToCartForm } from '../cart/add-to-cart-form';
import { StockBadge } from '../stock/stock-badge';
import { BookCover } from './book-cover';
import { Price } from './price';

type Props = {
  book: Book;
  priority: boolean;
  /** The cover's address when not its file, e.g. inlined as a data URI. */
  coverSrc?: string;
};

export function BookCard({ book, priority, coverSrc }: Props) {
  const headingId = `book-${book.id}-title`;
  return (
    <article className="book-card" aria-labelledby={headingId}>
      <BookCover book={book} size="medium" priority={priority} src={coverSrc} />
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
