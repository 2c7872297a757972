import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { E2E_ADMIN_API_KEY } from '../e2e-env';
import { bookCard, cartLink, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

async function newCode(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const code = `SAVE${randomUUID().slice(0, 6).toUpperCase()}`;
  const response = await request.post('/api/admin/discount-codes', {
    headers: { authorization: `Bearer ${E2E_ADMIN_API_KEY}` },
    data: { code, ...body },
  });
  expect(response.status()).toBe(201);
  return code;
}

test('a shopper applies a code in the cart and pays the discounted total; the order shows it', async ({
  page,
  request,
}) => {
  const code = await newCode(request, { percent_off: 10 });
  await page.goto('/');
  await bookCard(page, 'Dracula').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/cart');
  const subtotal = await page.getByTestId('cart-subtotal').textContent();

  await page.getByLabel('Discount code').fill('NOPE-NOT-A-CODE');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'does not exist' })).toHaveText(
    'That discount code does not exist.',
  );

  await page.getByLabel('Discount code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied' })).toHaveText(
    `Applied ${code}.`,
  );
  const discount = page.getByTestId('cart-discount');
  await expect(discount).toBeVisible();
  const total = (await page.getByTestId('cart-total').textContent())!;
  expect(total).not.toBe(subtotal);

  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByText(`Discount (${code})`)).toBeVisible();
  await fillShopper(page);
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: `Pay ${total}` }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  await expect(page.getByText(`Discount (${code})`)).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText(total);
});

test('the cart applies a code without JavaScript', async ({ browser, baseURL, request }) => {
  const code = await newCode(request, { amount_off: 200 });
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/books/dracula');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/cart');
    await page.getByLabel('Discount code').fill(code);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('cart-discount')).toHaveText('−$2.00');
    await page.getByRole('button', { name: `Remove ${code}` }).click();
    await expect(page.getByTestId('cart-discount')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('a code whose minimum is not reached is refused in the cart, saying why', async ({
  page,
  request,
}) => {
  const code = await newCode(request, { percent_off: 5, min_subtotal: 100_000 });
  await page.goto('/');
  await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/cart');
  await page.getByLabel('Discount code').fill(code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'needs an order' })).toHaveText(
    'That discount code needs an order of at least $1,000.00.',
  );
  await expect(page.getByTestId('cart-discount')).toHaveCount(0);
});
