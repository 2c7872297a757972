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
