import 'server-only';
import Stripe from 'stripe';
import type { Cart } from '../cart/cart';
import { getEnv } from '../env';
import { clientAddress } from '../http/client-address';
import { getLogger, requestLogger } from '../log/logger';
import { StoreUnavailableError } from '../store/store-client';
import { checkoutDeps } from './checkout-deps';
import { preparePayment, type PreparedPayment } from './prepare-payment';
import { checkPayableAmount, requoteCheckout, type RequoteResult } from './requote-checkout';
import { readCart } from '../cart/cart-session';
import type { Destination } from '../pricing/quote';
import type { ShippingRateId } from '../pricing/shipping-rates';

export type CheckoutPreparation = PreparedPayment | { kind: 'unavailable'; message: string };

/** preparePayment for a request, with outages turned into what the page tells the shopper. */
export async function prepareCheckout(cart: Cart, headers: Headers): Promise<CheckoutPreparation> {
  try {
    const log = requestLogger(headers);
    return await preparePayment(
      checkoutDeps(log),
      cart,
      clientAddress(headers, getEnv().trustProxy),
    );
  } catch (error) {
    if (error instanceof StoreUnavailableError)
      return { kind: 'unavailable', message: error.userMessage };
    if (error instanceof Stripe.errors.StripeError) {
      getLogger().error({ event: 'payment.stripe_failed', error: error.message });
      return {
        kind: 'unavailable',
        message:
          'Payments are temporarily unavailable, and nothing was charged. Please try again in a moment.',
      };
    }
    throw error;
  }
}

/** requoteCheckout for the request's cart, with outages turned into a message. */
export async function requoteForRequest(
  cartId: string,
  destination: Destination,
  shippingRate: ShippingRateId | null,
): Promise<RequoteResult> {
  try {
    return await requoteCheckout(
      checkoutDeps(),
      await readCart(),
      cartId,
      destination,
      shippingRate,
    );
  } catch (error) {
    getLogger().error({
      event: 'checkout.requote_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    return {
      ok: false,
      reason: 'refused',
      message:
        'The total could not be updated, and nothing was charged. Please try again in a moment.',
      status: 503,
      field: null,
    };
  }
}

export async function checkPayableForRequest(cartId: string, shownTotal: number) {
  try {
    return await checkPayableAmount(checkoutDeps(), await readCart(), cartId, shownTotal);
  } catch {
    return {
      ok: false as const,
      message:
        'Payments are temporarily unavailable, and nothing was charged. Please try again in a moment.',
      total: null,
    };
  }
}
