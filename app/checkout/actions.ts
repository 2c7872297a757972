'use server';

import { headers } from 'next/headers';
import { readCart } from '@/lib/cart/cart-session';
import { z } from 'zod';
import {
  checkPayableForRequest,
  prepareCheckout,
  requoteForRequest,
  type CheckoutPreparation,
} from '@/lib/checkout/prepare-checkout';
import type { RequoteResult } from '@/lib/checkout/requote-checkout';

/** Prepares payment for the current cart (see lib/checkout/prepare-payment.ts). */
export async function preparePaymentForCheckout(): Promise<CheckoutPreparation> {
  return prepareCheckout(await readCart(), await headers());
}

const addressInput = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    state: z.string().max(60).nullish(),
    postal_code: z.string().max(20).nullish(),
    city: z.string().max(100).nullish(),
    line1: z.string().max(200).nullish(),
  })
  .passthrough();

/** The total for the address and rate the shopper chose, set on the cart's PaymentIntent. */
export async function requote(
  cartId: unknown,
  address: unknown,
  rate: unknown,
): Promise<RequoteResult> {
  const parsedAddress = addressInput.safeParse(address);
  if (typeof cartId !== 'string' || !parsedAddress.success) {
    return { ok: false, reason: 'refused', message: 'Enter a complete shipping address.' };
  }
  const shippingRate = rate === 'express' ? 'express' : rate === 'standard' ? 'standard' : null;
  const a = parsedAddress.data;
  return requoteForRequest(
    cartId,
    {
      country: a.country,
      state: a.state ?? null,
      postalCode: a.postal_code ?? null,
      city: a.city ?? null,
      line1: a.line1 ?? null,
    },
    shippingRate,
  );
}

/** Asked right before paying: does the PaymentIntent charge the total this page shows? */
export async function checkPayable(cartId: unknown, shownTotal: unknown) {
  if (typeof cartId !== 'string' || typeof shownTotal !== 'number') {
    return { ok: false as const, message: 'Reload the page and try again.', total: null };
  }
  return checkPayableForRequest(cartId, shownTotal);
}
