import type { Page } from '@playwright/test';
import { sealData } from 'iron-session';
import { E2E_SECRETS } from '../e2e-env';
import { bookCard, cartLink, expect, test } from './fixtures';

const COOKIE = '__Host-folio-cart';
// The password the e2e server runs with (playwright.config.ts).
const PASSWORD = E2E_SECRETS.SESSION_PASSWORD;

async function setCartCookie(page: Page, value: string) {
  await page.context().addCookies([
    {
      name: COOKIE,
      value,
      domain: '127.0.0.1',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

test('the cart cookie is encrypted, httpOnly, Secure and SameSite=Lax', async ({ page }) => {
  await page.goto('/books/emma');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(cookie?.value).toMatch(/^Fe26\.2\*/);
  // Sealed: no field of the cart is readable in the value.
  expect(cookie?.value).not.toMatch(/bookId|quantity|lines/);
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
});

const badCookies: Array<[string, () => Promise<string>]> = [
  ['garbage', async () => 'not-a-seal'],
  ['forged with a wrong prefix', async () => 'Xx26.2*1*salt*iv*data*1*hsalt*hmac~2'],
  [
    'sealed with another secret',
    async () =>
      sealData(
        { v: 1, id: crypto.randomUUID(), lines: [{ bookId: 'b01', quantity: 1 }] },
        { password: 'x'.repeat(40) },
      ),
  ],
  ['in an old format', async () => sealData({ items: { b01: 3 } }, { password: PASSWORD })],
];

for (const [kind, make] of badCookies) {
  test(`a cart cookie ${kind} gives a fresh empty cart, never an error`, async ({ page }) => {
    await setCartCookie(page, await make());
    for (const path of ['/', '/cart', '/books/emma']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(cartLink(page, 0)).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
    const api = await page.request.get('/api/cart');
    expect(api.status()).toBe(200);
    expect((await api.json()).cart.items).toEqual([]);

    // The next change replaces the bad cookie with a good one.
    await page.goto('/');
    await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
    await expect(cartLink(page, 1)).toBeVisible();
  });
}

test('a tampered copy of a real cart cookie gives an empty cart', async ({ page }) => {
  await page.goto('/books/emma');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  const real = (await page.context().cookies()).find((c) => c.name === COOKIE)?.value ?? '';
  const middle = Math.floor(real.length / 2);
  const flipped =
    real.slice(0, middle) + (real[middle] === 'a' ? 'b' : 'a') + real.slice(middle + 1);
  for (const value of [flipped, real.slice(0, real.length - 10)]) {
    await setCartCookie(page, value);
    expect((await page.goto('/cart'))?.status()).toBe(200);
    await expect(page.getByText('Your cart is empty.')).toBeVisible();
    await expect(cartLink(page, 0)).toBeVisible();
  }
});
