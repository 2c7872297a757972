import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * The order id of a cart: derived from the cart UUID with a server secret, so
 * every request for one cart sends Stripe the same metadata (same
 * idempotency key, same parameters), yet nobody can guess another cart's order.
 */
export function orderIdForCart(cartId: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(`order:${cartId}`).digest('base64url');
  return `ord_${digest.replace(/[-_]/g, '').slice(0, 24)}`;
}

/**
 * The cart UUID checkout moves to when the shopper switches between paying
 * here and paying on Stripe's page: derived, so every concurrent submit of one
 * switch lands on the same new cart (one session, one order), yet unguessable.
 */
export function switchedCartId(cartId: string, to: 'hosted' | 'embedded', secret: string): string {
  const hex = createHmac('sha256', secret).update(`switch:${to}:${cartId}`).digest('hex');
  // Shaped as a version-4 UUID, as every other cart id is.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
