import type { Metadata } from 'next';
import Link from 'next/link';
import { CartEditor } from '@/components/cart/cart-editor';
import { ClearCartButton } from '@/components/cart/cart-line-controls';
import { CartLines } from '@/components/cart/cart-lines';
import { CartSummary } from '@/components/cart/cart-summary';
import { DiscountCodeForm } from '@/components/cart/discount-code-form';
import { readCart } from '@/lib/cart/cart-session';
import { priceCartWithCode } from '@/lib/pricing/cart-discount';
import { cartShortages } from '@/lib/stock/cart-stock-check';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = {
  title: 'Your cart',
  description: 'Review the books in your cart.',
};

const NOTICES: Record<string, string> = {
  'checkout-empty': 'Your cart is empty, so there is nothing to pay for yet.',
  'payment-canceled': 'That payment was canceled and nothing was charged. Your cart is below.',
  stock: 'Some books have fewer copies left than your cart asks for. Change them below to pay.',
};

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function CartPage({ searchParams }: Props) {
  const saved = await readCart();
  const { priced: cart, codeProblem } = await priceCartWithCode(getStore(), saved);
  const shortages = await cartShortages(saved);
  const { notice } = await searchParams;
  const noticeText = typeof notice === 'string' ? NOTICES[notice] : undefined;
  return (
    <>
      <h1>Your cart</h1>
      {noticeText ? (
        <p className="notice" role="status">
          {noticeText}
        </p>
      ) : null}
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
            <CartLines cart={cart} shortages={shortages} />
            <div className="cart__aside">
              <CartSummary cart={cart} codeProblem={codeProblem} />
              <DiscountCodeForm applied={saved.discountCode ?? null} />
              <Link href="/checkout" className="button button--pay">
                Checkout
              </Link>
              <ClearCartButton />
            </div>
          </div>
        )}
      </CartEditor>
    </>
  );
}
