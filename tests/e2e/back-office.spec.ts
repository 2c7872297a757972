import { createHash } from 'node:crypto';
import { E2E_OPERATORS, E2E_SECRETS, E2E_UPSTASH_PORT } from '../e2e-env';
import { buyDracula, inboxFor, requestSignInLink, signIn } from './back-office-helpers';
import { expect, test } from './fixtures';

test('an operator signs in through the inbox, refunds part of an order and ships it; the shopper sees both', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const shopper = await browser.newContext();
  const shopperPage = await shopper.newPage();
  const { orderId, email } = await buyDracula(shopperPage);

  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await signIn(page, E2E_OPERATORS.flow);

  await page.getByLabel('Order number or email').fill(email);
  await page.getByRole('button', { name: 'Show orders' }).click();
  const row = page.getByRole('row').filter({ hasText: orderId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Paid');
  await row.getByRole('link', { name: orderId }).click();
  await expect(page.getByRole('heading', { name: `Order ${orderId}` })).toBeVisible();

  await page.getByLabel(/^Amount/).fill('5.00');
  await page.getByLabel('Reason').selectOption('requested_by_customer');
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refund of $5.00' })).toHaveText(
    'Refund of $5.00: succeeded.',
  );
  await expect(page.getByTestId('admin-refunded')).toHaveText('$5.00');
  await expect(page.getByText('Status: Partially refunded')).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Refund of $5.00 succeeded' }),
  ).toBeVisible();

  await page.getByLabel('Carrier').fill('UPS');
  await page.getByLabel('Tracking number').fill('1Z 999 AA1 0123');
  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Marked shipped' })).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'Shipped with UPS, tracking number 1Z 999 AA1 0123' }),
  ).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: `${E2E_OPERATORS.flow}: ship` }),
  ).toBeVisible();
  // Shipping twice is refused: the form is gone, and the API says why (back-office-api.spec.ts).
  await expect(page.getByRole('button', { name: 'Mark shipped' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row').filter({ hasText: orderId })).toHaveCount(2);

  // The shopper's order page and inbox show both.
  await shopperPage.reload();
  await expect(shopperPage.getByText('UPS 1Z 999 AA1 0123')).toBeVisible();
  await expect(shopperPage.getByText('$5.00', { exact: true })).toBeVisible();
  await expect
    .poll(async () => (await inboxFor(email)).map((m) => m.Subject).sort(), { timeout: 10_000 })
    .toEqual([
      `Refund of $5.00: your Folio order ${orderId}`,
      `Shipped: your Folio order ${orderId}`,
      `Your Folio order ${orderId}`,
    ]);
  await shopperPage.reload();
  await expect(
    shopperPage.getByRole('listitem').filter({ hasText: 'Shipping notice sent' }),
  ).toBeVisible();
  await shopper.close();
});

test('a shopper, a non-operator, a reused link and a signed-out operator cannot reach the back office', async ({
  page,
}) => {
  // A shopper with a cart cookie.
  await page.goto('/');
  await page.goto('/admin/orders');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  expect((await page.request.get('/admin/audit', { maxRedirects: 0 })).status()).toBe(307);

  // Anyone else gets the same page, and no mail.
  await page.getByLabel('Email address').fill('stranger@example.com');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(await inboxFor('stranger@example.com')).toEqual([]);

  // A link works once.
  const link = await signIn(page, E2E_OPERATORS.access);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto('/admin/orders');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'expired or was already used' }),
  ).toBeVisible();
  await page.goto('/admin/orders');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test('a sign-in link expires after 15 minutes', async ({ page }) => {
  const link = await requestSignInLink(page, E2E_OPERATORS.expiry);
  const token = new URL(link).searchParams.get('token')!;
  const key = `folio:admin-link:${createHash('sha256').update(token).digest('hex')}`;
  const upstash = (command: unknown[]) =>
    fetch(`http://127.0.0.1:${E2E_UPSTASH_PORT}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_SECRETS.UPSTASH_REDIS_REST_TOKEN}` },
      body: JSON.stringify(command),
    }).then(async (r) => ((await r.json()) as { result: unknown }).result);
  // Stored hashed, living 15 minutes; the clock is moved on by making it expire now.
  const ttl = Number(await upstash(['TTL', key]));
  expect(ttl).toBeGreaterThan(890);
  expect(ttl).toBeLessThanOrEqual(900);
  await upstash(['PEXPIRE', key, 1]);
  await page.waitForTimeout(50);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'expired or was already used' }),
  ).toBeVisible();
});
