'use client';

import {
  AddressElement,
  Elements,
  LinkAuthenticationElement,
  PaymentElement,
  useElements,
  useStripe,
} from '@stripe/react-stripe-js';
import Link from 'next/link';
import { SHIPPING_COUNTRIES } from '@/lib/pricing/shipping-rates';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { isCartUnchanged } from '@/app/checkout/actions';
import { loadStripeOnce } from './load-stripe';
import { SlowFormNotice } from './slow-form-notice';

type Props = {
  clientSecret: string;
  publishableKey: string;
  standInScript: string | null;
  totalLabel: string;
  cartId: string;
  initialMessage: string | null;
};

type Complete = { email: boolean; address: boolean; payment: boolean };

function PaymentForm({
  totalLabel,
  cartId,
  initialMessage,
}: Omit<Props, 'clientSecret' | 'publishableKey' | 'standInScript'>) {
  const stripe = useStripe();
  const elements = useElements();
  const [complete, setComplete] = useState<Complete>({
    email: false,
    address: false,
    payment: false,
  });
  const [loaded, setLoaded] = useState<Complete>({ email: false, address: false, payment: false });
  const [paying, setPaying] = useState(false);
  const [message, setMessage] = useState(initialMessage ?? '');
  const [cartChanged, setCartChanged] = useState(false);
  // A second click lands before React re-renders the disabled button.
  const submitting = useRef(false);
  const ready = complete.email && complete.address && complete.payment && stripe && elements;

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || submitting.current) return;
    submitting.current = true;
    setPaying(true);
    setMessage('');
    try {
      if (!(await isCartUnchanged(cartId))) {
        setCartChanged(true);
        return;
      }
      const { error } = await stripe.confirmPayment({
        elements,
        confirmParams: { return_url: `${window.location.origin}/checkout/complete` },
      });
      // Only reached when the payment did not go through; success navigates away.
      setMessage(error.message ?? 'Your payment did not go through. Please try again.');
    } finally {
      submitting.current = false;
      setPaying(false);
    }
  }

  if (cartChanged) {
    return (
      <div className="checkout-changed" role="alert">
        <p>Your cart changed — review your order. Nothing was charged.</p>
        <Link className="button" href="/cart">
          Review your cart
        </Link>
      </div>
    );
  }

  return (
    <form className="checkout-form" onSubmit={(event) => void pay(event)}>
      {loaded.email && loaded.address && loaded.payment ? null : <SlowFormNotice />}
      <h2>Contact</h2>
      <LinkAuthenticationElement
        onReady={() => setLoaded((l) => ({ ...l, email: true }))}
        onChange={(e) => setComplete((c) => ({ ...c, email: e.complete }))}
      />
      <h2>Shipping address</h2>
      <AddressElement
        options={{ mode: 'shipping', allowedCountries: [...SHIPPING_COUNTRIES] }}
        onReady={() => setLoaded((l) => ({ ...l, address: true }))}
        onChange={(e) => setComplete((c) => ({ ...c, address: e.complete }))}
      />
      <h2>Payment</h2>
      <PaymentElement
        onReady={() => setLoaded((l) => ({ ...l, payment: true }))}
        onChange={(e) => setComplete((c) => ({ ...c, payment: e.complete }))}
        onLoadError={() =>
          setMessage('The payment form could not be loaded. Please reload the page.')
        }
      />
      <p className="checkout-message" role="status" aria-live="polite">
        {message}
      </p>
      <button type="submit" className="button button--pay" disabled={!ready || paying}>
        {paying ? 'Paying…' : `Pay ${totalLabel}`}
      </button>
    </form>
  );
}

export function CheckoutForm({ clientSecret, publishableKey, standInScript, ...form }: Props) {
  // Created in the browser only; while rendering on the server Elements gets null.
  const stripe = useMemo(
    () => (typeof window === 'undefined' ? null : loadStripeOnce(publishableKey, standInScript)),
    [publishableKey, standInScript],
  );
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    let current = true;
    stripe?.catch(() => {
      if (current) setLoadFailed(true);
    });
    return () => {
      current = false;
    };
  }, [stripe]);

  if (loadFailed) {
    return (
      <p className="checkout-message" role="alert">
        The secure payment form (Stripe.js) could not be loaded. If an ad or tracker blocker is on,
        allow js.stripe.com and reload the page. Nothing was charged.
      </p>
    );
  }
  return (
    // A new client secret means a new intent: remount, never hand Elements a new secret.
    <Elements
      key={clientSecret}
      stripe={stripe}
      options={{ clientSecret, appearance: { theme: 'stripe' } }}
    >
      <PaymentForm {...form} />
    </Elements>
  );
}
