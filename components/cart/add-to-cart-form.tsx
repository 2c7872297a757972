'use client';

import { useId } from 'react';
import { addToCart } from '@/app/cart/actions';
import { FormStatus } from './form-status';
import { useCartAction } from './use-cart-action';

type Props = { bookId: string; withQuantity?: boolean; maxQuantity?: number };

export function AddToCartForm({ bookId, withQuantity = false, maxQuantity = 99 }: Props) {
  const [state, formAction, pending] = useCartAction(addToCart);
  const quantityId = useId();
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
            max={maxQuantity}
            step={1}
            defaultValue={1}
            required
          />
        </div>
      ) : (
        <input type="hidden" name="quantity" value="1" />
      )}
      <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
        {pending ? 'Adding…' : 'Add to cart'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
