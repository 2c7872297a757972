import Link from 'next/link';
import { Suspense } from 'react';
import { CartCount } from '../cart/cart-count';
import { CartLink } from '../cart/cart-link';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          Folio
        </Link>
        <nav aria-label="Main">
          <ul className="site-header__nav" role="list">
            <li>
              <Link href="/">Books</Link>
            </li>
            <li>
              {/* The only per-visitor part of the header: it streams in after the prerendered shell. */}
              <Suspense fallback={<CartLink count={null} />}>
                <CartCount />
              </Suspense>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
