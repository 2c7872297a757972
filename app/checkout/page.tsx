import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { preparePaymentForCheckout } from './actions';
import { CartSummary } from '@/components/cart/cart-summary';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { CheckoutTotal, CheckoutTotalProvider } from '@/components/checkout/checkout-total';
import { HostedCheckoutForm } from '@/components/checkout/hosted-checkout-form';
import { paymentMessage } from '@/lib/checkout/payment-messages';
import { getEnv } from '@/lib/env';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = {
  title: 'Checkout',
  description: 'Pay for the books in your cart.',
};

type Props = { searchParams: Promise<{ payment?: string | string[] }> };

export default async function CheckoutPage({ searchParams }: Props) {
  // Prepared while the page renders on the server: no client effect ever creates an intent.
  const prepared = await preparePaymentForCheckout();
  const env = getEnv();
  if (prepared.kind === 'empty') redirect('/cart?notice=checkout-empty');
  if (prepared.kind === 'paid') redirect(`/orders/${prepared.orderId}`);
  const payment = (await searchParams).payment;

  return (
    <>
      <h1>Checkout</h1>
      {prepared.kind === 'unavailable' ? (
        <div>
          <p className="checkout-message" role="alert">
            {prepared.message}
          </p>
          <a href="/checkout" className="button">
            Try again
          </a>
        </div>
      ) : prepared.kind === 'rate_limited' ? (
        <p className="checkout-message" role="alert">
          {prepared.reason === 'declines'
            ? 'Too many declined payments.'
            : 'Too many checkout attempts.'}{' '}
          Please wait {Math.ceil(prepared.retryAfterSeconds / 60)} minutes and try again. Nothing
          was charged.
        </p>
      ) : prepared.kind === 'code_refused' || prepared.kind === 'out_of_stock' ? (
        <div>
          <p className="checkout-message" role="alert">
            {prepared.message}
          </p>
          {prepared.kind === 'out_of_stock' ? (
            <a href="/cart?notice=stock" className="button">
              Change quantities in your cart
            </a>
          ) : (
            <a href="/cart" className="button">
              Back to your cart
            </a>
          )}
        </div>
      ) : prepared.kind === 'restart' ? (
        <form action="/checkout/restart" method="post" className="checkout-changed">
          <p role="alert">
            Your cart or its prices changed since checkout started. Nothing was charged.
          </p>
          <button type="submit" className="button">
            Review and pay again
          </button>
        </form>
      ) : prepared.kind === 'hosted' ? (
        <div className="checkout-changed">
          <p role="status">
            You started paying on Stripe’s secure page. Nothing has been charged yet.
          </p>
          <a href={prepared.url} className="button button--pay">
            Continue on Stripe’s page
          </a>
          <form action="/checkout/hosted/back" method="post">
            <button type="submit" className="button">
              Pay here instead
            </button>
          </form>
        </div>
      ) : (
        <CheckoutTotalProvider initialTotal={prepared.amount}>
          <div className="checkout">
            <aside className="checkout__summary">
              <CartSummary
                cart={prepared.cart}
                atCheckout
                checkoutTotal={<CheckoutTotal currency={prepared.cart.currency} />}
              >
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
              </CartSummary>
            </aside>
            <div className="checkout__pay">
              <CheckoutForm
                clientSecret={prepared.record.clientSecret}
                publishableKey={env.stripe.publishableKey}
                // Another API than Stripe's is the local emulator, which serves its own Stripe.js.
                standInScript={env.stripe.apiBase ? `${env.stripe.apiBase}/endive/stripe.js` : null}
                currency={prepared.cart.currency}
                cartId={prepared.cart.id}
                initialMessage={paymentMessage(typeof payment === 'string' ? payment : null)}
              />
              <HostedCheckoutForm />
            </div>
          </div>
        </CheckoutTotalProvider>
      )}
    </>
  );
}
