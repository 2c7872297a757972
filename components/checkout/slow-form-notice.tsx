/**
 * Shown when the payment form has not become ready a few seconds after the
 * page arrived, whatever the cause: Stripe.js slow or blocked, or the page's
 * JavaScript never running (which is why the delay is CSS, not a timer).
 * The form removes it once every Element is ready.
 */
export function SlowFormNotice() {
  return (
    <p className="checkout-slow" role="alert">
      The payment form is taking too long to load — reload the page. Nothing was charged.
    </p>
  );
}
