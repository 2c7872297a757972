'use client';

import { useId } from 'react';
import { addToCart } from '@/app/cart/actions';
import { SOLD_OUT_REASON } from '@/lib/stock/availability';
import { useAvailable } from '../stock/availability-provider';
import { FormStatus } from './form-status';
import { useCartAction } from './use-cart-action';

type Props = { bookId: string; withQuantity?: boolean; maxQuantity?: number };

export function AddToCartForm({ bookId, withQuantity = false, maxQuantity = 99 }: Props) {
  const [state, formAction, pending] = useCartAction(addToCart);
  const quantityId = useId();
  const reasonId = useId();
  const available = useAvailable(bookId);
  const soldOut = available === 0;
  const disabled = pending || soldOut;
  return (
    <form action={formAction} className="add-to-cart">
      <input type="hidden" name="bookId" value={bookId} />
      {withQuantity ? (
        <div className="field">
          <label htmlFor={quantityId}>Quantity</label>
          <input
            id={quantityId}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={available === null ? maxQuantity : Math.max(1, Math.min(maxQuantity, available))}
            step={1}
            defaultValue={1}
            required
          />
        </div>
      ) : (
        <input type="hidden" name="quantity" value="1" />
      )}
      <button
        type="submit"
        className="button"
        disabled={disabled}
        aria-disabled={disabled}
        aria-describedby={soldOut ? reasonId : undefined}
      >
        {pending ? 'Adding…' : 'Add to cart'}
      </button>
      {soldOut ? (
        <p id={reasonId} className="add-to-cart__reason">
          Sold out: {SOLD_OUT_REASON}
        </p>
      ) : null}
      <FormStatus state={state} />
    </form>
  );
}
