import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { inboxFor } from './back-office-helpers';
import { bookCard, cartLink, expect, test } from './fixtures';

async function addDracula(page: Page) {
  await page.goto('/books/dracula');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added 1 copy of Dracula to your cart.')).toBeVisible();
}

/** Fills Stripe's hosted page as a shopper in New York would. */
async function fillHostedPage(page: Page, email: string, card: string) {
  await expect(page.getByText('Test mode — local Stripe emulator')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Ada Reader');
  await page.getByLabel('Address line 1').fill('1 Library Way');
  await page.getByLabel('City').fill('New York');
  await page.getByLabel('State').fill('NY');
  await page.getByLabel('ZIP').fill('10001');
  await page.getByLabel('Card number').fill(card);
}

test('a shopper pays on Stripe’s page after a decline and lands on the paid order, with an empty cart and a receipt', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const email = `hosted-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto('/');
  await bookCard(page, 'Dracula').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/checkout');
  await page.getByLabel('Ship to').selectOption('US');
  await page.getByRole('button', { name: 'Pay on a secure Stripe page' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/c\/pay\/cs_test_/);
  await expect(page.getByText('Dracula')).toBeVisible();

  await fillHostedPage(page, email, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('declined');

  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  await expect(page.getByText('Status: Paid')).toBeVisible();
  await expect(page.getByText('Tax', { exact: true })).toBeVisible();
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(cartLink(page, 0)).toBeVisible();

  await expect.poll(async () => (await inboxFor(email)).length, { timeout: 10_000 }).toBe(1);
  expect((await inboxFor(email))[0]!.Subject).toBe(`Your Folio order ${orderId}`);

  // The shopper's JSON API shows the same order, and only to this browser.
  const mine = await page.request.get(`/api/orders/${orderId}`);
  expect(mine.status()).toBe(200);
  expect(await mine.json()).toMatchObject({ id: orderId, status: 'paid', email });
});

test('“Back” on Stripe’s page returns to checkout with the cart intact, and paying here still works', async ({
  page,
}) => {
  await addDracula(page);
  await page.goto('/checkout');
  await page.getByRole('button', { name: 'Pay on a secure Stripe page' }).click();
  expect(new URL(page.url()).pathname).toMatch(/^\/c\/pay\/cs_test_/);
  const hostedUrl = page.url();
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('list', { name: 'Your order' })).toContainText('Dracula');
  await expect(page.getByRole('button', { name: /^Pay \$/ })).toBeVisible();
  // The abandoned session can no longer be paid.
  await page.goto(hostedUrl);
  await expect(page.getByRole('status')).toContainText(/expired/i);
});

test('the hosted flow works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    await addDracula(page);
    await page.goto('/checkout');
    await page.getByLabel('Ship to').selectOption('US');
    await page.getByRole('button', { name: 'Pay on a secure Stripe page' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/c\/pay\/cs_test_/);
    await fillHostedPage(
      page,
      `nojs-${randomUUID().slice(0, 8)}@example.com`,
      '4242 4242 4242 4242',
    );
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
    await expect(page.getByText('Status: Paid')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the session API starts one session for the cart and shows it only to its shopper', async ({
  page,
  baseURL,
  browser,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const post = (data: unknown, headers: Record<string, string> = {}) =>
    page.request.post('/api/checkout/session', {
      headers: { 'content-type': 'application/json', origin, ...headers },
      data,
    });
  expect((await post({ country: 'US' })).status()).toBe(422);
  await page.request.post('/api/cart', {
    headers: { 'content-type': 'application/json', origin },
    data: { items: { b01: { quantity: 1 } } },
  });
  const created = await post({ country: 'gb' });
  expect(created.status()).toBe(200);
  const session = (await created.json()) as { url: string; session_id: string };
  expect(session.url).toContain(`/c/pay/${session.session_id}`);
  expect(await (await post({ country: 'GB' })).json()).toEqual(session);

  const read = await page.request.get(`/api/checkout/session/${session.session_id}`);
  expect(await read.json()).toEqual({
    status: 'open',
    payment_status: 'unpaid',
    amount_total: expect.any(Number),
    currency: 'usd',
    customer_email: null,
    order_id: expect.stringMatching(/^ord_/),
  });

  const refusals: Array<[unknown, number, string | null]> = [
    [{ country: 'KP' }, 422, 'country'],
    [{ country: 'GBR' }, 400, 'country'],
    [{}, 400, 'country'],
    [{ country: 'US', amount: 1 }, 400, 'amount'],
  ];
  for (const [body, status, field] of refusals) {
    const response = await post(body);
    expect(response.status(), JSON.stringify(body)).toBe(status);
    expect(await response.json()).toMatchObject({ error: { field } });
  }
  expect((await post({ country: 'US' }, { origin: 'https://evil.example' })).status()).toBe(403);

  // Another browser (another shopper) sees neither the session nor its order.
  const other = await browser.newContext({ baseURL });
  try {
    const theirs = await other.request.get(`/api/checkout/session/${session.session_id}`);
    expect(theirs.status()).toBe(404);
    const orderId = ((await read.json()) as { order_id: string }).order_id;
    expect((await other.request.get(`/api/orders/${orderId}`)).status()).toBe(404);
    const returned = await other.request.get(
      `/checkout/complete?session_id=${session.session_id}`,
      {
        maxRedirects: 0,
      },
    );
    expect(returned.status()).toBe(404);
  } finally {
    await other.close();
  }
});

test('/api/docs renders the API reference and lists the endpoints', async ({ page }) => {
  const document = await page.request.get('/api/openapi.json');
  expect(document.status()).toBe(200);
  const { paths } = (await document.json()) as { paths: Record<string, unknown> };
  expect(Object.keys(paths)).toEqual(
    expect.arrayContaining(['/api/cart', '/api/checkout/session', '/api/admin/orders']),
  );
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/api/docs');
  const sidebar = page.getByRole('navigation', { name: 'Sidebar for Folio API' });
  await expect(sidebar).toBeVisible({ timeout: 15_000 });
  for (const area of ['Cart', 'Checkout', 'Orders', 'Refunds', 'Discount codes']) {
    await expect(
      sidebar.getByRole('button', { name: new RegExp(`^${area} (Open|Close) Group$`) }),
    ).toBeVisible();
  }
  await expect(sidebar.getByRole('button', { name: /^Read the cart/ })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Checkout Open Group' }).click();
  await expect(sidebar.getByRole('button', { name: /^Pay on Stripe's hosted page/ })).toBeVisible();
  // Nothing points away from this site (Scalar's hosted client included).
  await expect(page.getByRole('link', { name: 'Open API Client' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
