import { randomInt } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Every test runs offline: requests that would leave this machine are
 * aborted and recorded, and a test that made any fails.
 */
export const test = base.extend<{ externalRequests: string[] }>({
  externalRequests: async ({}, provide) => {
    await provide([]);
  },
  context: async ({ context, externalRequests, baseURL }, provide) => {
    // Each test is a shopper of its own, as a proxy in front of the store
    // would report it; otherwise all tests share one rate limit per address.
    const address = `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
    await context.route(`${baseURL}/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': address } }),
    );
    await context.route(
      (url) => !LOOPBACK.has(url.hostname),
      async (route) => {
        externalRequests.push(route.request().url());
        await route.abort('blockedbyclient');
      },
    );
    await provide(context);
    expect(externalRequests, 'requests that tried to leave localhost').toEqual([]);
  },
});

export { expect };

/** The header's cart link, whose accessible name carries the item count. */
export function cartLink(page: Page, count: number) {
  return page.getByRole('link', {
    name: `Cart ${count} ${count === 1 ? 'item' : 'items'}`,
    exact: true,
  });
}

export function bookCard(page: Page, title: string) {
  return page.getByRole('article', { name: title });
}

/** The cart id, read through the JSON API with the page's cookies. */
export async function cartId(page: Page): Promise<string> {
  const response = await page.request.get('/api/cart');
  const body = (await response.json()) as { cart: { id: string } };
  return body.cart.id;
}
