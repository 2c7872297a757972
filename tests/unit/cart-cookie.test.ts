import { sealData } from 'iron-session';
import { describe, expect, it } from 'vitest';
import { listBooks } from '@/lib/catalog/catalog';
import {
  CART_TTL_SECONDS,
  cartCookieName,
  cartCookieOptions,
  sealCart,
  unsealCart,
} from '@/lib/cart/cart-cookie';
import type { Cart } from '@/lib/cart/cart';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '@/lib/store-settings';

const PASSWORD = 'unit-test-password-that-is-long-enough-1';
const OTHER_PASSWORD = 'another-password-that-is-also-long-enough';

const cart: Cart = {
  sessionId: crypto.randomUUID(),
  id: crypto.randomUUID(),
  lines: [
    { bookId: 'b01', quantity: 2 },
    { bookId: 'b07', quantity: 1 },
  ],
};

/** The Set-Cookie header a browser would receive for this seal. */
function setCookieHeader(seal: string): string {
  const options = cartCookieOptions(true);
  const expires = new Date(Date.now() + CART_TTL_SECONDS * 1000).toUTCString();
  return (
    `${cartCookieName(true)}=${seal}; Max-Age=${options.maxAge}; Path=${options.path}; ` +
    `Expires=${expires}; HttpOnly; Secure; SameSite=Lax`
  );
}

describe('cart cookie codec', () => {
  it('round-trips a cart', async () => {
    expect(await unsealCart(await sealCart(cart, PASSWORD), PASSWORD)).toEqual(cart);
  });

  it('keeps no prices, titles or totals in the cookie', async () => {
    const seal = await sealCart(cart, PASSWORD);
    expect(seal).not.toMatch(/bookId|quantity|lines/);
    const { unsealData } = await import('iron-session');
    const data = await unsealData<Record<string, unknown>>(seal, { password: PASSWORD });
    expect(Object.keys(data).sort()).toEqual(['id', 'lines', 'sid', 'v']);
    expect(JSON.stringify(data)).not.toMatch(/price|title|total|amount/i);
  });

  it('opens a tampered seal as no cart', async () => {
    const seal = await sealCart(cart, PASSWORD);
    for (const index of [10, Math.floor(seal.length / 2), seal.length - 5]) {
      const flipped =
        seal.slice(0, index) + (seal[index] === 'A' ? 'B' : 'A') + seal.slice(index + 1);
      expect(await unsealCart(flipped, PASSWORD)).toBeNull();
    }
  });

  it('opens a truncated seal as no cart', async () => {
    const seal = await sealCart(cart, PASSWORD);
    expect(await unsealCart(seal.slice(0, seal.length - 12), PASSWORD)).toBeNull();
    expect(await unsealCart(seal.slice(0, 20), PASSWORD)).toBeNull();
  });

  it("opens another secret's seal as no cart", async () => {
    expect(await unsealCart(await sealCart(cart, OTHER_PASSWORD), PASSWORD)).toBeNull();
  });

  it('opens forged and garbage values as no cart, without throwing', async () => {
    for (const forged of [
      'Xx26.2*1*salt*iv*data*1*hsalt*hmac~2',
      'Fe26.2*1*salt*iv*data*notanumber*hsalt*hmac~2',
      'Fe26.2*9*a*b*c**d*e~2',
      '%%%',
      '',
      'a'.repeat(5000),
    ]) {
      await expect(unsealCart(forged, PASSWORD)).resolves.toBeNull();
    }
  });

  it('keeps a discount code, and still opens carts sealed before codes existed', async () => {
    const withCode = { ...cart, discountCode: 'TENOFF' };
    expect(await unsealCart(await sealCart(withCode, PASSWORD), PASSWORD)).toEqual(withCode);
    const version2 = await sealData(
      { v: 2, sid: cart.sessionId, id: cart.id, lines: cart.lines },
      { password: PASSWORD },
    );
    expect(await unsealCart(version2, PASSWORD)).toEqual({ ...cart });
    const badCode = await sealData(
      { v: 3, sid: cart.sessionId, id: cart.id, lines: [], dc: 'lower case!' },
      { password: PASSWORD },
    );
    expect(await unsealCart(badCode, PASSWORD)).toBeNull();
  });

  it('opens an old-format or malformed cart as no cart', async () => {
    const old = await sealData({ items: { b01: 2 } }, { password: PASSWORD });
    expect(await unsealCart(old, PASSWORD)).toBeNull();
    const version1 = await sealData({ v: 1, id: cart.id, lines: [] }, { password: PASSWORD });
    expect(await unsealCart(version1, PASSWORD)).toBeNull();
    const wrongVersion = await sealData(
      { v: 4, sid: cart.sessionId, id: cart.id, lines: [] },
      { password: PASSWORD },
    );
    expect(await unsealCart(wrongVersion, PASSWORD)).toBeNull();
    const badQuantity = await sealData(
      { v: 2, sid: cart.sessionId, id: cart.id, lines: [{ bookId: 'b01', quantity: 1000 }] },
      { password: PASSWORD },
    );
    expect(await unsealCart(badQuantity, PASSWORD)).toBeNull();
    const notUuid = await sealData(
      { v: 2, sid: cart.sessionId, id: 'cart-1', lines: [] },
      { password: PASSWORD },
    );
    expect(await unsealCart(notUuid, PASSWORD)).toBeNull();
    const duplicate = await sealData(
      {
        v: 2,
        sid: cart.sessionId,
        id: cart.id,
        lines: [
          { bookId: 'b01', quantity: 1 },
          { bookId: 'b01', quantity: 2 },
        ],
      },
      { password: PASSWORD },
    );
    expect(await unsealCart(duplicate, PASSWORD)).toBeNull();
  });

  it('stays under 4096 bytes at the cap of 30 lines of 99', async () => {
    const ids = listBooks()
      .map((book) => book.id)
      .sort((a, b) => b.length - a.length)
      .slice(0, MAX_CART_LINES);
    expect(ids).toHaveLength(MAX_CART_LINES);
    const full: Cart = {
      sessionId: crypto.randomUUID(),
      id: crypto.randomUUID(),
      lines: ids.map((bookId) => ({ bookId, quantity: MAX_QUANTITY_PER_LINE })),
    };
    const seal = await sealCart(full, PASSWORD);
    const header = setCookieHeader(seal);
    expect(new TextEncoder().encode(header).byteLength).toBeLessThan(4096);
    expect(await unsealCart(seal, PASSWORD)).toEqual(full);
  });

  it('uses a __Host- cookie that is Secure only in production', () => {
    expect(cartCookieName(true)).toBe('__Host-folio-cart');
    expect(cartCookieOptions(true)).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/',
    });
    expect(cartCookieName(false)).toBe('folio-cart');
    expect(cartCookieOptions(false).secure).toBe(false);
  });
});
