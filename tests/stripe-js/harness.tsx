/**
 * A page of its own for testing the Stripe.js stand-in with the real
 * @stripe/react-stripe-js: the three Elements the storefront uses and a Pay
 * button, plus what checkout needs to update the total in place: a button
 * that calls elements.fetchUpdates(), the last Address Element change event
 * and a button that reads the Address Element with getValue().
 *
 * Query parameters: `pk`, `client_secret`; for the Address Element,
 * `allowed_countries` (comma-separated ISO codes), `default_country` and
 * `default_name` (its defaultValues).
 */
import {
  AddressElement,
  Elements,
  LinkAuthenticationElement,
  PaymentElement,
  useElements,
  useStripe,
} from '@stripe/react-stripe-js';
import type {
  StripeAddressElementChangeEvent,
  StripeAddressElementOptions,
} from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(window.location.search);
const clientSecret = params.get('client_secret') ?? '';
const stripePromise = loadStripe(params.get('pk') ?? '');

function addressOptions(): StripeAddressElementOptions {
  const options: StripeAddressElementOptions = { mode: 'shipping' };
  const allowed = params.get('allowed_countries');
  if (allowed) options.allowedCountries = allowed.split(',');
  const country = params.get('default_country');
  const name = params.get('default_name');
  if (country || name) {
    options.defaultValues = {
      ...(name ? { name } : {}),
      ...(country ? { address: { country } } : {}),
    };
  }
  return options;
}
// Created once: a new options object on every render would update the element each time.
const ADDRESS_OPTIONS = addressOptions();

type Complete = { payment: boolean; address: boolean; email: boolean };

function CheckoutForm() {
  const stripe = useStripe();
  const elements = useElements();
  const [complete, setComplete] = useState<Complete>({
    payment: false,
    address: false,
    email: false,
  });
  const [ready, setReady] = useState(0);
  const [message, setMessage] = useState('');
  const [paying, setPaying] = useState(false);
  const [updates, setUpdates] = useState('');
  const [addressChange, setAddressChange] = useState<StripeAddressElementChangeEvent | null>(null);
  const [addressChanges, setAddressChanges] = useState(0);
  const [addressRead, setAddressRead] = useState({ count: 0, value: '' });
  const allComplete = complete.payment && complete.address && complete.email;

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setPaying(true);
    setMessage('');
    const result = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${window.location.origin}/done` },
    });
    setMessage(result.error.message ?? 'Payment failed.');
    setPaying(false);
  }

  async function fetchUpdates() {
    if (!elements) return;
    setUpdates('Fetching…');
    const { error } = await elements.fetchUpdates();
    setUpdates(error ? `Could not fetch updates: ${error.message}` : 'Updates fetched.');
  }

  async function readAddress() {
    const address = elements?.getElement('address');
    if (!address) return;
    const value = JSON.stringify(await address.getValue());
    setAddressRead((read) => ({ count: read.count + 1, value }));
  }

  return (
    <form onSubmit={(event) => void pay(event)}>
      <LinkAuthenticationElement
        onReady={() => setReady((n) => n + 1)}
        onChange={(e) => setComplete((c) => ({ ...c, email: e.complete }))}
      />
      <AddressElement
        options={ADDRESS_OPTIONS}
        onReady={() => setReady((n) => n + 1)}
        onChange={(e) => {
          setComplete((c) => ({ ...c, address: e.complete }));
          setAddressChange(e);
          setAddressChanges((n) => n + 1);
        }}
      />
      <PaymentElement
        onReady={() => setReady((n) => n + 1)}
        onChange={(e) => setComplete((c) => ({ ...c, payment: e.complete }))}
        onLoadError={(e) => setMessage(`Could not load the payment form: ${e.error.message}`)}
      />
      <p data-testid="ready">{ready} of 3 ready</p>
      <button type="submit" disabled={!allComplete || paying}>
        Pay
      </button>
      <p role="alert">{message}</p>
      <button type="button" disabled={!elements} onClick={() => void fetchUpdates()}>
        Fetch updates
      </button>
      <output aria-label="Fetch updates result">{updates}</output>
      <h2>Address Element</h2>
      <p>
        <output aria-label="Address change events">{addressChanges}</output> change events; the
        last:
      </p>
      <output aria-label="Last address change">
        {addressChange ? JSON.stringify(addressChange) : ''}
      </output>
      <button type="button" disabled={!elements} onClick={() => void readAddress()}>
        Read address
      </button>
      <p>
        <output aria-label="Address reads">{addressRead.count}</output> reads; the last:
      </p>
      <output aria-label="Address value">{addressRead.value}</output>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <Elements stripe={stripePromise} options={{ clientSecret, appearance: { theme: 'stripe' } }}>
    <CheckoutForm />
  </Elements>,
);
