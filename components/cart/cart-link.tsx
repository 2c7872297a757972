'use client';

import Link from 'next/link';
import { useCartCount } from './cart-count-provider';

/** Its accessible name is what it shows, in words: "Cart 2 items". */
export function CartLink() {
  const { count } = useCartCount();
  return (
    <Link href="/cart" className="cart-link">
      Cart
      {count === null ? null : (
        <>
          {' '}
          <span className="cart-link__count">{count}</span>
          <span className="visually-hidden"> {count === 1 ? 'item' : 'items'}</span>
        </>
      )}
    </Link>
  );
}
