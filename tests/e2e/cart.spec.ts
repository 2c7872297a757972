import { bookCard, cartId, cartLink, expect, test } from './fixtures';

test('adding from the catalog updates the header count without a reload', async ({ page }) => {
  await page.goto('/');
  await expect(cartLink(page, 0)).toBeVisible();
  // A full page load would drop this marker.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const card = bookCard(page, 'Moby-Dick');
  await card.getByRole('button', { name: 'Add to cart' }).click();
  await expect(card.getByRole('status')).toHaveText('Added 1 copy of Moby-Dick to your cart.');
  await expect(cartLink(page, 1)).toBeVisible();

  await card.getByRole('button', { name: 'Add to cart' }).click();
  await expect(card.getByRole('status')).toHaveText(
    'Added 1 copy of Moby-Dick; your cart now has 2 copies.',
  );
  await expect(cartLink(page, 2)).toBeVisible();
  expect(await page.evaluate(() => 'sameDocument' in window), 'no full page load').toBe(true);
});

test('the cart lists, updates and removes lines with server-computed totals', async ({ page }) => {
  await page.goto('/books/war-and-peace');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Added 2 copies of War and Peace to your cart.',
  );
  await page.goto('/books/dracula');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 3)).toBeVisible();

  await cartLink(page, 3).click();
  await expect(page).toHaveURL('/cart');
  await expect(page).toHaveTitle('Your cart · Folio');
  const lines = page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(page.getByLabel('Quantity for War and Peace')).toHaveValue('2');
  await expect(page.getByText('Line total for War and Peace: $49.98')).toBeAttached();
  // 2 × 24.99 + 12.49 = 62.47: free shipping from 50.00.
  await expect(page.getByTestId('cart-subtotal')).toHaveText('$62.47');
  await expect(page.getByTestId('cart-shipping')).toHaveText('Free');
  await expect(page.getByTestId('cart-total')).toHaveText('$62.47');

  await page.getByLabel('Quantity for War and Peace').fill('1');
  await page.getByRole('button', { name: 'Update quantity for War and Peace' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your cart now has 1 copy of War and Peace.' }),
  ).toHaveText('Your cart now has 1 copy of War and Peace.');
  // 24.99 + 12.49 = 37.48, under 50.00: flat 4.99 shipping.
  await expect(page.getByTestId('cart-subtotal')).toHaveText('$37.48');
  await expect(page.getByTestId('cart-shipping')).toHaveText('$4.99');
  await expect(page.getByTestId('cart-total')).toHaveText('$42.47');
  await expect(cartLink(page, 2)).toBeVisible();

  await page.getByRole('button', { name: 'Remove Dracula' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed Dracula from your cart.' }),
  ).toHaveText('Removed Dracula from your cart.');
  await expect(lines).toHaveCount(1);
  await expect(cartLink(page, 1)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Quantity for War and Peace')).toHaveValue('1');
  await expect(cartLink(page, 1)).toBeVisible();

  await page.getByLabel('Quantity for War and Peace').fill('0');
  await page.getByRole('button', { name: 'Update quantity for War and Peace' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed War and Peace from your cart.' }),
  ).toHaveText('Removed War and Peace from your cart.');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(cartLink(page, 0)).toBeVisible();
  await page.getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page).toHaveURL('/');
});

test('emptying the cart removes every line', async ({ page }) => {
  await page.goto('/');
  await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await bookCard(page, 'Dubliners').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 2)).toBeVisible();
  await page.goto('/cart');
  await page.getByRole('button', { name: 'Empty cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your cart is now empty.' })).toHaveText(
    'Your cart is now empty.',
  );
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(cartLink(page, 0)).toBeVisible();
});

test('the cart UUID rotates on each change and not on a rejected one', async ({ page }) => {
  await page.goto('/books/emma');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  const first = await cartId(page);
  expect(await cartId(page)).toBe(first);

  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 2)).toBeVisible();
  const second = await cartId(page);
  expect(second).not.toBe(first);

  // Forge what the browser would never send: the server must still refuse it.
  const quantity = page.getByLabel('Quantity');
  for (const [value, message] of [
    ['1e9', 'Quantity can be at most 99 copies of one book.'],
    ['-1', 'Quantity must be at least 1.'],
    ['1.5', 'Quantity must be a whole number.'],
    ['abc', 'Quantity must be a number.'],
  ] as const) {
    await quantity.evaluate((input: HTMLInputElement, v) => {
      input.type = 'text';
      input.removeAttribute('min');
      input.removeAttribute('max');
      input.removeAttribute('step');
      input.value = v;
    }, value);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toHaveText(message);
  }
  await page
    .locator('input[name="bookId"]')
    .evaluate((input: HTMLInputElement) => (input.value = '__proto__'));
  await quantity.fill('1');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'That book is not in our catalog.' }),
  ).toHaveText('That book is not in our catalog.');

  expect(await cartId(page)).toBe(second);
  await page.reload();
  await expect(cartLink(page, 2)).toBeVisible();
});

test('adding beyond 99 copies caps the line and says so', async ({ page }) => {
  await page.goto('/books/emma');
  await page.getByLabel('Quantity').fill('98');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 98)).toBeVisible();
  await page.getByLabel('Quantity').fill('5');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Your cart now has 99 copies of Emma, the most one order can hold.',
  );
  await expect(cartLink(page, 99)).toBeVisible();
  const capped = await cartId(page);
  await page.getByLabel('Quantity').fill('1');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Your cart already has 99 copies of Emma, the most one order can hold.',
  );
  expect(await cartId(page)).toBe(capped);
});
