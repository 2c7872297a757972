'use server';

import { headers } from 'next/headers';
import {
  addBook,
  applyCode,
  clearCart,
  removeBook,
  removeCode,
  setBookQuantity,
} from '@/lib/cart/cart-commands';
import { toCartFormState, type CartFormState } from '@/lib/cart/cart-form-state';

export async function addToCart(_prev: CartFormState, form: FormData): Promise<CartFormState> {
  return toCartFormState(
    await addBook({ bookId: form.get('bookId'), quantity: form.get('quantity') }),
  );
}

export async function setCartQuantity(
  _prev: CartFormState,
  form: FormData,
): Promise<CartFormState> {
  return toCartFormState(
    await setBookQuantity({ bookId: form.get('bookId'), quantity: form.get('quantity') }),
  );
}

export async function removeFromCart(_prev: CartFormState, form: FormData): Promise<CartFormState> {
  return toCartFormState(await removeBook({ bookId: form.get('bookId') }));
}

export async function emptyCart(_prev: CartFormState, _form: FormData): Promise<CartFormState> {
  return toCartFormState(await clearCart());
}

export async function applyDiscount(_prev: CartFormState, form: FormData): Promise<CartFormState> {
  return toCartFormState(await applyCode(form.get('discountCode'), await headers()));
}

export async function removeDiscount(
  _prev: CartFormState,
  _form: FormData,
): Promise<CartFormState> {
  return toCartFormState(await removeCode());
}
