'use client';

import { useId } from 'react';
import { applyDiscount, removeDiscount } from '@/app/cart/actions';
import { FormStatus } from './form-status';
import { useCartAction } from './use-cart-action';

/** Applies or removes the cart's discount code; a plain form, so it works without JavaScript. */
export function DiscountCodeForm({ applied }: { applied: string | null }) {
  const [applyState, apply, applying] = useCartAction(applyDiscount);
  const [removeState, remove, removing] = useCartAction(removeDiscount);
  const inputId = useId();
  const state = removeState.at > applyState.at ? removeState : applyState;
  return (
    <div className="discount-code">
      <form action={apply} className="discount-code__form">
        <label htmlFor={inputId}>Discount code</label>
        <input
          id={inputId}
          name="discountCode"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={32}
          defaultValue={applied ?? ''}
          aria-describedby={`${inputId}-status`}
        />
        <button type="submit" className="button button--secondary" disabled={applying}>
          {applying ? 'Applying…' : 'Apply'}
        </button>
      </form>
      {applied ? (
        <form action={remove}>
          <button type="submit" className="button button--link" disabled={removing}>
            Remove {applied}
          </button>
        </form>
      ) : null}
      <div id={`${inputId}-status`}>
        <FormStatus state={state} />
      </div>
    </div>
  );
}
