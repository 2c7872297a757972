import { countItems, type Cart } from './cart';

/** What a cart form shows after its action ran; shared by server and client. */
export type CartFormState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  /** Items in the cart after the action, for the header; null when unknown. */
  itemCount: number | null;
  /** Server time of the answer, so a form with several actions shows the latest. */
  at: number;
};

export const IDLE_CART_FORM_STATE: CartFormState = {
  status: 'idle',
  message: '',
  itemCount: null,
  at: 0,
};

export function toCartFormState(
  result: { ok: true; message: string; cart: Cart } | { ok: false; message: string },
): CartFormState {
  return {
    status: result.ok ? 'success' : 'error',
    message: result.message,
    itemCount: result.ok ? countItems(result.cart) : null,
    at: Date.now(),
  };
}
