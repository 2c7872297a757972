/**
 * Seals the cart into an encrypted, signed cookie value (iron-session) and
 * opens it again. Anything that does not open into a well-formed cart of the
 * current format (tampered, truncated, foreign or old) opens as `null`.
 */
import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '../store-settings';
import type { Cart } from './cart';

export const CART_FORMAT_VERSION = 3;
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const sealedCartSchema = z.object({
  // Version 2 is version 3 without a discount code: carts sealed before codes existed still open.
  v: z.union([z.literal(2), z.literal(CART_FORMAT_VERSION)]),
  dc: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9_-]{2,31}$/)
    .optional(),
  sid: z.string().regex(UUID_V4),
  id: z.string().regex(UUID_V4),
  lines: z
    .array(
      z.object({
        bookId: z.string().min(1).max(16),
        quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE),
      }),
    )
    .max(MAX_CART_LINES)
    .refine((lines) => new Set(lines.map((l) => l.bookId)).size === lines.length),
});

export function cartCookieName(isProduction: boolean): string {
  // __Host- makes the browser insist on Secure, Path=/ and no Domain.
  return isProduction ? '__Host-folio-cart' : 'folio-cart';
}

export function cartCookieOptions(isProduction: boolean) {
  return {
    httpOnly: true,
    secure: isProduction,
    sameSite: 'lax' as const,
    path: '/',
    maxAge: CART_TTL_SECONDS,
  };
}

export async function sealCart(cart: Cart, password: string): Promise<string> {
  return sealData(
    {
      v: CART_FORMAT_VERSION,
      sid: cart.sessionId,
      id: cart.id,
      lines: cart.lines,
      ...(cart.discountCode ? { dc: cart.discountCode } : {}),
    },
    { password, ttl: CART_TTL_SECONDS },
  );
}

export async function unsealCart(seal: string, password: string): Promise<Cart | null> {
  let data: unknown;
  try {
    data = await unsealData(seal, { password, ttl: CART_TTL_SECONDS });
  } catch {
    // iron-session rethrows some malformed seals ("Wrong mac prefix", bad
    // base64…) instead of returning {}; they are just as untrusted.
    return null;
  }
  const parsed = sealedCartSchema.safeParse(data);
  if (!parsed.success) return null;
  const { sid, id, lines, dc } = parsed.data;
  return { sessionId: sid, id, lines, ...(dc ? { discountCode: dc } : {}) };
}
