import type { ReactNode } from 'react';
import type { PricedCart } from '@/lib/cart/cart-pricing';
import { formatMoney } from '@/lib/money';
import { FREE_SHIPPING_FROM } from '@/lib/store-settings';

export function CartSummary({
  cart,
  codeProblem = null,
  atCheckout = false,
  checkoutTotal = null,
  children = null,
}: {
  cart: PricedCart;
  /** Why the cart's code does not apply now, if it does not. */
  codeProblem?: string | null;
  /** At checkout shipping and tax follow the address: no shipping row, and `checkoutTotal`. */
  atCheckout?: boolean;
  /** At checkout: the total for the address typed so far, which the payment form keeps current. */
  checkoutTotal?: ReactNode;
  /** Shown under the heading, before the amounts: the books at checkout. */
  children?: ReactNode;
}) {
  const money = (amount: number) => formatMoney({ amount, currency: cart.currency });
  const toFreeShipping = FREE_SHIPPING_FROM - (cart.subtotal - (cart.discount?.amount ?? 0));
  return (
    <section className="cart-summary" aria-labelledby="cart-summary-title">
      <h2 id="cart-summary-title">Order summary</h2>
      {children}
      <dl>
        <div>
          <dt>Subtotal</dt>
          <dd data-testid="cart-subtotal">{money(cart.subtotal)}</dd>
        </div>
        {cart.discount ? (
          <div>
            <dt>Discount ({cart.discount.code})</dt>
            <dd data-testid="cart-discount">−{money(cart.discount.amount)}</dd>
          </div>
        ) : null}
        {atCheckout ? (
          checkoutTotal ? (
            <div className="cart-summary__total">
              <dt>Total</dt>
              <dd data-testid="checkout-summary-total">{checkoutTotal}</dd>
            </div>
          ) : null
        ) : (
          <>
            <div>
              <dt>Shipping (US Standard)</dt>
              <dd data-testid="cart-shipping">
                {cart.shipping === 0 ? 'Free' : money(cart.shipping)}
              </dd>
            </div>
            <div className="cart-summary__total">
              <dt>Total</dt>
              <dd data-testid="cart-total">{money(cart.total)}</dd>
            </div>
          </>
        )}
      </dl>
      <p className="cart-summary__hint">
        {atCheckout
          ? 'Shipping and tax follow your address: the total includes them.'
          : 'Shipping to other countries, faster shipping and tax are calculated at checkout.'}
      </p>
      {codeProblem ? (
        <p className="form-status form-status--error" role="status">
          {codeProblem}
        </p>
      ) : null}
      {toFreeShipping > 0 ? (
        <p className="cart-summary__hint">
          Add {money(toFreeShipping)} more for free shipping (orders from{' '}
          {money(FREE_SHIPPING_FROM)}).
        </p>
      ) : null}
    </section>
  );
}
