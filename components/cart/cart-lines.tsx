import Link from 'next/link';
import type { PricedCart } from '@/lib/cart/cart-pricing';
import { formatMoney } from '@/lib/money';
import { MAX_QUANTITY_PER_LINE } from '@/lib/store-settings';
import { BookCover } from '../books/book-cover';
import { tooFewMessage } from '@/lib/stock/availability';
import { QuantityForm, ReduceQuantityButton, RemoveLineButton } from './cart-line-controls';

type Props = {
  cart: PricedCart;
  /** Copies left of books with fewer than their line asks for. */
  shortages?: ReadonlyMap<string, number>;
};

export function CartLines({ cart, shortages }: Props) {
  const money = (amount: number) => formatMoney({ amount, currency: cart.currency });
  return (
    <ul className="cart-lines" role="list" aria-label="Items in your cart">
      {cart.lines.map(({ book, quantity, unitAmount, lineTotal }) => (
        <li key={book.id} className="cart-line">
          <BookCover book={book} size="small" />
          <div className="cart-line__details">
            <h2 className="cart-line__title">
              <Link href={`/books/${book.slug}`}>{book.title}</Link>
            </h2>
            <p className="cart-line__author">{book.author}</p>
            <p>
              <span className="visually-hidden">Unit price: </span>
              {money(unitAmount)} each
            </p>
          </div>
          <QuantityForm
            bookId={book.id}
            title={book.title}
            quantity={quantity}
            maxQuantity={MAX_QUANTITY_PER_LINE}
          />
          <p className="cart-line__total">
            <span className="visually-hidden">Line total for {book.title}: </span>
            {money(lineTotal)}
          </p>
          <RemoveLineButton bookId={book.id} title={book.title} />
          {shortages?.has(book.id) ? (
            <div className="cart-line__stock">
              <p>{tooFewMessage(book.title, shortages.get(book.id) ?? 0)}</p>
              {(shortages.get(book.id) ?? 0) > 0 ? (
                <ReduceQuantityButton
                  bookId={book.id}
                  title={book.title}
                  to={shortages.get(book.id) ?? 0}
                />
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
