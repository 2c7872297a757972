import Link from 'next/link';

/** The header's cart link; `count` is null while the visitor's cart loads. */
export function CartLink({ count }: { count: number | null }) {
  const label = count === null ? 'Cart' : `Cart, ${count} ${count === 1 ? 'item' : 'items'}`;
  return (
    <Link href="/cart" className="cart-link" aria-label={label}>
      Cart
      <span className="cart-link__count" aria-hidden>
        {count ?? '–'}
      </span>
    </Link>
  );
}
