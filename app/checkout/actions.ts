'use server';

import { readCart } from '@/lib/cart/cart-session';

/**
 * Asked right before paying: is the cart this checkout was opened for still
 * the shopper's cart? If another tab changed it, this tab must not pay.
 */
export async function isCartUnchanged(cartId: string): Promise<boolean> {
  return typeof cartId === 'string' && (await readCart()).id === cartId;
}
