'use client';

import Link from 'next/link';
import { useCartCount } from './cart-count-provider';

export function CartLink() {
  const { count } = useCartCount();
  const label = count === null ? 'Cart' : `Cart, ${count} ${count === 1 ? 'item' : 'items'}`;
  return (
    <Link href="/cart" className="cart-link" aria-label={label}>
      Cart
      {count === null ? null : (
        <span className="cart-link__count" aria-hidden>
          {count}
        </span>
      )}
    </Link>
  );
}
