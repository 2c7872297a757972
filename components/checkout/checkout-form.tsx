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
import { checkPayable, requote } from '@/app/checkout/actions';
import type { CheckoutTotals } from '@/lib/checkout/requote-checkout';
import { formatMoney } from '@/lib/money';
import { useCheckoutTotal } from './checkout-total';
import { loadStripeOnce } from './load-stripe';
import { SlowFormNotice } from './slow-form-notice';

type Props = {
  clientSecret: string;
  publishableKey: string;
  standInScript: string | null;
  currency: string;
  cartId: string;
  initialMessage: string | null;
};

type Complete = { email: boolean; address: boolean; payment: boolean };

type Address = {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  country: string;
};

/** How long the address must rest before its total is asked for (one request per pause). */
const REQUOTE_AFTER_MS = 400;

function PaymentForm({
  currency,
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
  // Held above the form: the order summary shows the same total.
  const { total, setTotal } = useCheckoutTotal();
  const [totals, setTotals] = useState<CheckoutTotals | null>(null);
  const [rate, setRate] = useState<'standard' | 'express'>('standard');
  const [updating, setUpdating] = useState(false);
  const [summary, setSummary] = useState('');
  // No payment without shipping and tax for the address: only a fresh quote enables Pay.
  const [quoted, setQuoted] = useState(false);
  const address = useRef<Address | null>(null);
  const requested = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A second click lands before React re-renders the disabled button.
  const submitting = useRef(false);
  const ready =
    complete.email &&
    complete.address &&
    complete.payment &&
    stripe &&
    elements &&
    !updating &&
    quoted;
  const totalLabel = formatMoney({ amount: total, currency });

  /** Asks the server for the total of this address and rate; only the latest answer counts. */
  async function updateTotal(nextRate: 'standard' | 'express') {
    if (!address.current || !elements) return;
    if (submitting.current) {
      // Never while a payment is being confirmed: the amount must stay what was shown.
      timer.current = setTimeout(() => void updateTotal(nextRate), REQUOTE_AFTER_MS);
      return;
    }
    const request = ++requested.current;
    setUpdating(true);
    const result = await requote(cartId, address.current, nextRate);
    if (request !== requested.current) return;
    if (result.ok) {
      // The Payment Element reads the intent's new amount before anyone can pay it.
      await elements.fetchUpdates();
      if (request !== requested.current) return;
      setTotals(result.totals);
      setTotal(result.totals.total);
      setSummary(result.totals.summary);
      setQuoted(true);
    } else if (result.reason === 'cart_changed') {
      setCartChanged(true);
    } else {
      setQuoted(false);
      setSummary(result.message);
    }
    setUpdating(false);
  }

  function onAddress(complete: boolean, value: Address) {
    if (timer.current) clearTimeout(timer.current);
    if (!complete) return;
    address.current = value;
    // Pay waits from the moment the address is complete until its total is in.
    setUpdating(true);
    timer.current = setTimeout(() => void updateTotal(rate), REQUOTE_AFTER_MS);
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || submitting.current) return;
    submitting.current = true;
    setPaying(true);
    setMessage('');
    try {
      const payable = await checkPayable(cartId, total);
      if (!payable.ok) {
        if (payable.total === null && payable.message.startsWith('Your cart changed')) {
          setCartChanged(true);
        } else {
          setMessage(payable.message);
          if (payable.total !== null) {
            await elements.fetchUpdates();
            setTotal(payable.total);
          }
        }
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
        onChange={(e) => {
          setComplete((c) => ({ ...c, address: e.complete }));
          onAddress(e.complete, e.value.address as Address);
        }}
      />
      {totals ? (
        <fieldset className="shipping-rates">
          <legend>Shipping speed</legend>
          {totals.rates.map((option) => (
            <label key={option.id}>
              <input
                type="radio"
                name="shippingRate"
                value={option.id}
                checked={rate === option.id}
                disabled={updating}
                onChange={() => {
                  setRate(option.id);
                  void updateTotal(option.id);
                }}
              />{' '}
              {option.label}:{' '}
              {option.amount === 0 ? 'free' : formatMoney({ amount: option.amount, currency })},{' '}
              {option.deliveryEstimate.min}–{option.deliveryEstimate.max} business days
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="checkout-totals" role="status" aria-live="polite" data-testid="checkout-totals">
        {updating
          ? 'Updating shipping and tax…'
          : summary || 'Shipping and tax are calculated once your address is complete.'}
      </p>
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
        {paying ? 'Paying…' : updating ? 'Updating total…' : `Pay ${totalLabel}`}
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
