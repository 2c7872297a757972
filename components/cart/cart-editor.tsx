'use client';

import { createContext, use, type ReactNode } from 'react';
import { emptyCart, removeFromCart, setCartQuantity } from '@/app/cart/actions';
import type { CartFormState } from '@/lib/cart/cart-form-state';
import { FormStatus } from './form-status';
import { useCartAction } from './use-cart-action';

type FormAction = (form: FormData) => void;

type CartEditorActions = {
  setQuantity: FormAction;
  remove: FormAction;
  clear: FormAction;
  pending: boolean;
};

const CartEditorContext = createContext<CartEditorActions | null>(null);

export function useCartEditor(): CartEditorActions {
  const actions = use(CartEditorContext);
  if (!actions) throw new Error('Cart controls must be rendered inside <CartEditor>.');
  return actions;
}

function latest(...states: CartFormState[]): CartFormState {
  return states.reduce((a, b) => (b.at > a.at ? b : a));
}

/**
 * Owns the cart page's actions so that one live region reports every change,
 * even when the line whose button was pressed disappears.
 */
export function CartEditor({ children }: { children: ReactNode }) {
  const [setState, setQuantity, setPending] = useCartAction(setCartQuantity);
  const [removeState, remove, removePending] = useCartAction(removeFromCart);
  const [clearState, clear, clearPending] = useCartAction(emptyCart);
  const pending = setPending || removePending || clearPending;
  return (
    <CartEditorContext value={{ setQuantity, remove, clear, pending }}>
      <FormStatus state={latest(setState, removeState, clearState)} />
      <div aria-busy={pending}>{children}</div>
    </CartEditorContext>
  );
}
