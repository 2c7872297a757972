import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import Stripe from 'stripe';
import { CartSummary } from '@/components/cart/cart-summary';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { TestModeBanner } from '@/components/checkout/test-mode-banner';
import { readCart } from '@/lib/cart/cart-session';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { clientAddress } from '@/lib/checkout/client-address';
import { paymentMessage } from '@/lib/checkout/payment-messages';
import { preparePayment, type PreparedPayment } from '@/lib/checkout/prepare-payment';
import { getEnv } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import { StoreUnavailableError } from '@/lib/store/store-client';

export const metadata: Metadata = {
  title: 'Checkout',
  description: 'Pay for the books in your cart.',
};

type Props = { searchParams: Promise<{ payment?: string | string[] }> };

async function prepare(): Promise<PreparedPayment | { kind: 'unavailable'; message: string }> {
  try {
    // Request data first: it makes the page dynamic before any secret is read.
    const cart = await readCart();
    const address = clientAddress(await headers());
    return await preparePayment(checkoutDeps(), cart, address);
  } catch (error) {
    if (error instanceof StoreUnavailableError)
      return { kind: 'unavailable', message: error.userMessage };
    if (error instanceof Stripe.errors.StripeError) {
      console.error('checkout: Stripe refused or failed:', error.message);
      return {
        kind: 'unavailable',
        message:
          'Payments are temporarily unavailable, and nothing was charged. Please try again in a moment.',
      };
    }
    throw error;
  }
}

export default async function CheckoutPage({ searchParams }: Props) {
  const prepared = await prepare();
  const env = getEnv();
  if (prepared.kind === 'empty') redirect('/cart?notice=checkout-empty');
  if (prepared.kind === 'paid') redirect(`/orders/${prepared.orderId}`);
  const payment = (await searchParams).payment;

  return (
    <>
      <h1>Checkout</h1>
      {env.stripe.isTestMode ? <TestModeBanner emulator={env.stripe.apiBase !== null} /> : null}
      {prepared.kind === 'unavailable' ? (
        <p className="checkout-message" role="alert">
          {prepared.message}
        </p>
      ) : prepared.kind === 'rate_limited' ? (
        <p className="checkout-message" role="alert">
          Too many checkout attempts. Please wait {Math.ceil(prepared.retryAfterSeconds / 60)}{' '}
          minutes and try again.
        </p>
      ) : prepared.kind === 'restart' ? (
        <form action="/checkout/restart" method="post" className="checkout-changed">
          <p role="alert">
            Your cart or its prices changed since checkout started. Nothing was charged.
          </p>
          <button type="submit" className="button">
            Review and pay again
          </button>
        </form>
      ) : (
        <div className="checkout">
          <CheckoutForm
            clientSecret={prepared.record.clientSecret}
            publishableKey={env.stripe.publishableKey}
            // Another API than Stripe's is the local emulator, which serves its own Stripe.js.
            standInScript={env.stripe.apiBase ? `${env.stripe.apiBase}/endive/stripe.js` : null}
            totalLabel={formatMoney({
              amount: prepared.cart.total,
              currency: prepared.cart.currency,
            })}
            cartId={prepared.cart.id}
            initialMessage={paymentMessage(typeof payment === 'string' ? payment : null)}
          />
          <aside className="checkout__summary">
            <ul className="checkout-lines" aria-label="Your order">
              {prepared.cart.lines.map((line) => (
                <li key={line.book.id}>
                  {line.quantity} × {line.book.title}
                  <span>
                    {formatMoney({ amount: line.lineTotal, currency: prepared.cart.currency })}
                  </span>
                </li>
              ))}
            </ul>
            <CartSummary cart={prepared.cart} />
          </aside>
        </div>
      )}
    </>
  );
}
