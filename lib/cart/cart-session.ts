import 'server-only';
import { cookies } from 'next/headers';
import { findBookById } from '../catalog/catalog';
import { getEnv } from '../env';
import { emptyCart, type Cart } from './cart';
import { cartCookieName, cartCookieOptions, sealCart, unsealCart } from './cart-cookie';

/**
 * The visitor's cart. A missing or unreadable cookie gives a fresh empty cart,
 * never an error; lines for books no longer sold are dropped.
 */
export async function readCart(): Promise<Cart> {
  // Cookies first: they make the page dynamic before a secret is needed at build time.
  const jar = await cookies();
  const { isProduction, sessionPassword } = getEnv();
  const seal = jar.get(cartCookieName(isProduction))?.value;
  const cart = seal ? await unsealCart(seal, sessionPassword) : null;
  if (!cart) return emptyCart();
  return { ...cart, lines: cart.lines.filter((line) => findBookById(line.bookId)) };
}

/** Writes the cart cookie; only callable from a Server Action or Route Handler. */
export async function saveCart(cart: Cart): Promise<void> {
  const { isProduction, sessionPassword } = getEnv();
  (await cookies()).set(
    cartCookieName(isProduction),
    await sealCart(cart, sessionPassword),
    cartCookieOptions(isProduction),
  );
}
