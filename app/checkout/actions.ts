'use server';

import { headers } from 'next/headers';
import { readCart } from '@/lib/cart/cart-session';
import { prepareCheckout, type CheckoutPreparation } from '@/lib/checkout/prepare-checkout';

/**
 * Asked right before paying: is the cart this checkout was opened for still
 * the shopper's cart? If another tab changed it, this tab must not pay.
 */
export async function isCartUnchanged(cartId: string): Promise<boolean> {
  return typeof cartId === 'string' && (await readCart()).id === cartId;
}

/** Prepares payment for the current cart (see lib/checkout/prepare-payment.ts). */
export async function preparePaymentForCheckout(): Promise<CheckoutPreparation> {
  return prepareCheckout(await readCart(), await headers());
}
