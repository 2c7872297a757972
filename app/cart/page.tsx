import type { Metadata } from 'next';
import Link from 'next/link';
import { CartEditor } from '@/components/cart/cart-editor';
import { ClearCartButton } from '@/components/cart/cart-line-controls';
import { CartLines } from '@/components/cart/cart-lines';
import { CartSummary } from '@/components/cart/cart-summary';
import { priceCart } from '@/lib/cart/cart-pricing';
import { readCart } from '@/lib/cart/cart-session';

export const metadata: Metadata = {
  title: 'Your cart',
  description: 'Review the books in your cart.',
};

export default async function CartPage() {
  const cart = priceCart(await readCart());
  return (
    <>
      <h1>Your cart</h1>
      <CartEditor>
        {cart.lines.length === 0 ? (
          <div className="empty-cart">
            <p>Your cart is empty.</p>
            <Link href="/" className="button">
              Browse the catalog
            </Link>
          </div>
        ) : (
          <div className="cart">
            <CartLines cart={cart} />
            <div className="cart__aside">
              <CartSummary cart={cart} />
              <ClearCartButton />
            </div>
          </div>
        )}
      </CartEditor>
    </>
  );
}
