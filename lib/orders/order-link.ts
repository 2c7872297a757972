import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in an order link (`/orders/<id>?token=…`): an HMAC of the order
 * id under the server secret, so a link opens its own order from any browser
 * and cannot be forged for another.
 */
export function orderLinkToken(orderId: string, secret: string): string {
  return createHmac('sha256', secret).update(`order-link:v1:${orderId}`).digest('base64url');
}

export function isOrderLinkToken(orderId: string, token: unknown, secret: string): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(orderLinkToken(orderId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function orderLinkUrl(appUrl: string, orderId: string, secret: string): string {
  const url = new URL(`/orders/${orderId}`, appUrl);
  url.searchParams.set('token', orderLinkToken(orderId, secret));
  return url.toString();
}
