import type { CartFormState } from '@/lib/cart/cart-form-state';

/** A polite live region: screen readers announce each new message once. */
export function FormStatus({ state }: { state: CartFormState }) {
  return (
    <p role="status" aria-live="polite" className={`form-status form-status--${state.status}`}>
      {state.message}
    </p>
  );
}
