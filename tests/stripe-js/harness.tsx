/**
 * A page of its own for testing the Stripe.js stand-in with the real
 * @stripe/react-stripe-js: the three Elements the storefront uses and a Pay
 * button, nothing else.
 */
import {
  AddressElement,
  Elements,
  LinkAuthenticationElement,
  PaymentElement,
  useElements,
  useStripe,
} from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(window.location.search);
const clientSecret = params.get('client_secret') ?? '';
const stripePromise = loadStripe(params.get('pk') ?? '');

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

  return (
    <form onSubmit={(event) => void pay(event)}>
      <LinkAuthenticationElement
        onReady={() => setReady((n) => n + 1)}
        onChange={(e) => setComplete((c) => ({ ...c, email: e.complete }))}
      />
      <AddressElement
        options={{ mode: 'shipping' }}
        onReady={() => setReady((n) => n + 1)}
        onChange={(e) => setComplete((c) => ({ ...c, address: e.complete }))}
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
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <Elements stripe={stripePromise} options={{ clientSecret, appearance: { theme: 'stripe' } }}>
    <CheckoutForm />
  </Elements>,
);
