/**
 * Whether the code a cart carries applies now, checked against the store
 * (window, uses left, minimum): the one place a cart's discount is decided.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Cart } from '../cart/cart';
import { priceCart, type PricedCart } from '../cart/cart-pricing';
import { codeUsage, getDiscountCode } from '../store/discount-code-store';
import { STORE_CURRENCY } from '../store-settings';
import type { DiscountRule } from './discount';
import { checkCode, refusalMessage, type CodeRefusal } from './discount-codes';

export type CodeCheck =
  { ok: true; rule: DiscountRule } | { ok: false; reason: CodeRefusal; message: string };

export async function checkCartCode(
  store: Redis,
  code: string,
  { cart, subtotal, email = null }: { cart: Cart | null; subtotal: number; email?: string | null },
): Promise<CodeCheck> {
  const now = Date.now();
  const definition = await getDiscountCode(store, code);
  const usage = definition
    ? await codeUsage(store, code, { email, now, cartId: cart?.id ?? null })
    : { redeemed: 0, reserved: 0, usedByEmail: false };
  const checked = checkCode(definition, { subtotal, now, usage });
  if (checked.ok) return checked;
  return {
    ok: false,
    reason: checked.reason,
    message: refusalMessage(checked.reason, definition, STORE_CURRENCY),
  };
}

export type DiscountedCart = { priced: PricedCart; codeProblem: string | null };

/** The cart priced with its code when the code applies; else without, and why not. */
export async function priceCartWithCode(store: Redis, cart: Cart): Promise<DiscountedCart> {
  const plain = priceCart(cart);
  if (!cart.discountCode || plain.lines.length === 0) return { priced: plain, codeProblem: null };
  const checked = await checkCartCode(store, cart.discountCode, {
    cart,
    subtotal: plain.subtotal,
  });
  return checked.ok
    ? { priced: priceCart(cart, checked.rule), codeProblem: null }
    : { priced: plain, codeProblem: `${cart.discountCode}: ${checked.message}` };
}
