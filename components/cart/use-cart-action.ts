'use client';

import { useActionState, useEffect } from 'react';
import { IDLE_CART_FORM_STATE, type CartFormState } from '@/lib/cart/cart-form-state';
import { useCartCount } from './cart-count-provider';

type CartAction = (state: CartFormState, form: FormData) => Promise<CartFormState>;

/** useActionState for a cart action, keeping the header's count in step. */
export function useCartAction(action: CartAction) {
  const result = useActionState(action, IDLE_CART_FORM_STATE);
  const [state] = result;
  const { setCount } = useCartCount();
  useEffect(() => {
    if (state.itemCount !== null) setCount(state.itemCount);
  }, [state, setCount]);
  return result;
}
