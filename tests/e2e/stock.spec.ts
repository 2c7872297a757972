import { Redis } from '@upstash/redis';
import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_ADMIN_API_KEY, E2E_APP_ENV, E2E_OPERATORS } from '../e2e-env';
import { signIn } from './back-office-helpers';
import { bookCard, cartLink, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

const auth = { authorization: `Bearer ${E2E_ADMIN_API_KEY}` };

// Books no other spec buys, so their counts are this spec's to set.
const SOLD_OUT = { id: 'b24', slug: 'heart-of-darkness', title: 'Heart of Darkness' };
const LOW = { id: 'b19', slug: 'treasure-island', title: 'Treasure Island' };
const LAST_COPY = { id: 'b29', slug: 'dubliners', title: 'Dubliners' };

test.describe.configure({ mode: 'serial' });

async function setStock(request: APIRequestContext, bookId: string, stock: number) {
  const response = await request.put(`/api/admin/books/${bookId}/stock`, {
    headers: auth,
    data: { stock },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { stock: Record<string, unknown> }).stock;
}

async function offeredAvailability(page: Page): Promise<unknown> {
  const text = await page.locator('script[type="application/ld+json"]').textContent();
  return (JSON.parse(text ?? '{}') as { offers?: { availability?: unknown } }).offers?.availability;
}

async function addFromBookPage(page: Page, slug: string, quantity: number) {
  await page.goto(`/books/${slug}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'to your cart' })).toBeVisible();
}

test('a sold-out book shows why and cannot be added, with or without JavaScript', async ({
  page,
  browser,
  request,
}) => {
  expect(await setStock(request, SOLD_OUT.id, 0)).toEqual({
    book_id: SOLD_OUT.id,
    title: SOLD_OUT.title,
    stock: 0,
    held: 0,
    available: 0,
  });
  const bad = await request.put(`/api/admin/books/${SOLD_OUT.id}/stock`, {
    headers: auth,
    data: { stock: -1 },
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({
    error: {
      message: 'stock must be a whole number of copies from 0 to 1,000,000',
      field: 'stock',
    },
  });
  expect(
    (
      await request.put('/api/admin/books/b999/stock', { headers: auth, data: { stock: 1 } })
    ).status(),
  ).toBe(404);

  await page.goto(`/books/${SOLD_OUT.slug}`);
  await expect(page.getByText('Sold out', { exact: true })).toBeVisible();
  const add = page.getByRole('button', { name: 'Add to cart' });
  await expect(add).toBeDisabled();
  // What search engines read follows the live count too.
  await expect.poll(() => offeredAvailability(page)).toBe('https://schema.org/OutOfStock');
  await expect(add).toHaveAccessibleDescription(
    'Sold out: Every copy has been sold; we will restock it soon.',
  );
  await page.goto('/');
  await expect(bookCard(page, SOLD_OUT.title).getByText('Sold out', { exact: true })).toBeVisible();
  await expect(
    bookCard(page, SOLD_OUT.title).getByRole('button', { name: 'Add to cart' }),
  ).toBeDisabled();

  // A page opened before it sold out still cannot put it in the cart: the server refuses.
  const replaced = await request.post('/api/cart', {
    headers: { origin: E2E_APP_ENV.APP_URL },
    data: { items: { [SOLD_OUT.id]: { quantity: 1 } } },
  });
  expect(replaced.status()).toBe(400);
  expect(await replaced.json()).toEqual({
    error: { message: 'Heart of Darkness is sold out.', field: 'quantity' },
  });

  // Without JavaScript the button cannot know; the server says why instead.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const plainPage = await plain.newPage();
  await plainPage.goto(`/books/${SOLD_OUT.slug}`);
  await plainPage.getByRole('button', { name: 'Add to cart' }).click();
  await expect(
    plainPage.getByRole('status').filter({ hasText: 'Heart of Darkness is sold out.' }),
  ).toBeVisible();
  await plain.close();

  await setStock(request, SOLD_OUT.id, 4);
  await page.goto(`/books/${SOLD_OUT.slug}`);
  await expect(page.getByText('Only 4 left')).toBeVisible();
  await expect.poll(() => offeredAvailability(page)).toBe('https://schema.org/LimitedAvailability');
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
});

test('the operator sets stock in the back office, and it is audited', async ({ page }) => {
  await signIn(page, E2E_OPERATORS.stock);
  await page
    .getByRole('navigation', { name: 'Back office' })
    .getByRole('link', { name: 'Stock' })
    .click();
  await expect(page.getByRole('heading', { name: 'Stock' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(LOW.title) });
  await row.getByLabel(`Stock for ${LOW.title}`).fill('2000000');
  await row.getByRole('button', { name: `Save stock for ${LOW.title}` }).click();
  await expect(row.getByRole('status')).toHaveText(
    'stock must be a whole number of copies from 0 to 1,000,000',
  );
  await expect(row.getByLabel(`Stock for ${LOW.title}`)).toHaveAttribute('aria-invalid', 'true');
  await row.getByLabel(`Stock for ${LOW.title}`).fill('2');
  await row.getByRole('button', { name: `Save stock for ${LOW.title}` }).click();
  await expect(row.getByRole('status')).toHaveText(
    `${LOW.title}: 2 on the shelf, 0 held, 2 available.`,
  );
  await expect(row.getByRole('cell', { name: 'Only 2 left' })).toBeVisible();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: `${LOW.id} ${LOW.title}` })
      .first(),
  ).toContainText('→ 2 on the shelf');
});

test('checkout says which book ran short before asking for a card, and the cart reduces it', async ({
  page,
  request,
}) => {
  await setStock(request, LOW.id, 3);
  await addFromBookPage(page, LOW.slug, 3);
  await expect(cartLink(page, 3)).toBeVisible();
  await setStock(request, LOW.id, 1);

  await page.goto('/checkout');
  await expect(page.getByRole('alert').filter({ hasText: 'Treasure Island' })).toHaveText(
    'Only 1 copy of Treasure Island is left. Reduce the quantity in your cart to pay; nothing was charged.',
  );
  await expect(
    page.frameLocator('iframe[title="Secure payment input frame"]').getByLabel('Card number'),
  ).toHaveCount(0);
  await page.getByRole('link', { name: 'Change quantities in your cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'fewer copies left' })).toBeVisible();
  await expect(page.getByText('Only 1 copy of Treasure Island is left.')).toBeVisible();
  await page.getByRole('button', { name: 'Reduce to 1 copies of Treasure Island' }).click();
  await expect(page.getByLabel('Quantity for Treasure Island')).toHaveValue('1');
  await expect(page.getByText('Only 1 copy of Treasure Island is left.')).toHaveCount(0);

  await page.goto('/checkout');
  await expect(
    page.frameLocator('iframe[title="Secure payment input frame"]').getByLabel('Card number'),
  ).toBeVisible();
  // Held for this checkout: nobody else may add the last copy.
  await page.goto(`/books/${LOW.slug}`);
  await expect(page.getByText('Sold out', { exact: true })).toBeVisible();
});

test('a payment whose lapsed copy was sold is held for review, and refunded in one click', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  await setStock(request, LAST_COPY.id, 1);
  await addFromBookPage(page, LAST_COPY.slug, 1);
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/checkout');
  await fillShopper(page, 'slow-reader@example.com');
  await fillCard(page, '4242 4242 4242 4242');

  // The shopper's hour passes (a slow 3D Secure, say)…
  const store = new Redis({
    url: E2E_APP_ENV.UPSTASH_REDIS_REST_URL,
    token: E2E_APP_ENV.UPSTASH_REDIS_REST_TOKEN,
  });
  const holds = `folio:stock:${LAST_COPY.id}:holds`;
  const [cartId] = await store.zrange<string[]>(holds, 0, -1);
  expect(cartId).toBeDefined();
  await store.zadd(holds, { score: 1, member: cartId! });
  // …and another shopper takes the last copy.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await addFromBookPage(otherPage, LAST_COPY.slug, 1);
  await otherPage.goto('/checkout');
  await expect(
    otherPage.frameLocator('iframe[title="Secure payment input frame"]').getByLabel('Card number'),
  ).toBeVisible();
  await other.close();

  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  const orderId = new URL(page.url()).pathname.split('/').pop()!;

  await signIn(page, E2E_OPERATORS.stock);
  await page.goto(`/admin/orders/${orderId}`);
  await expect(page.getByText('Status: Needs review')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Held for review' })).toHaveText(
    'Held for review: Paid after the hold on its copies had lapsed, and they were sold: Dubliners is sold out.',
  );
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refund of' })).toContainText(
    'succeeded',
  );
  await expect(page.getByText('Status: Refunded')).toBeVisible();
});
