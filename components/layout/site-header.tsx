import Link from 'next/link';
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
              <Link href="/orders">Orders</Link>
            </li>
            <li>
              <CartLink />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
