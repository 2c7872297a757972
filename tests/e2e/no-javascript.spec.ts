import { expect, test } from './fixtures';

test.use({ javaScriptEnabled: false });

test('the cart works without JavaScript', async ({ page }) => {
  await page.goto('/books/jane-eyre');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Added 2 copies of Jane Eyre to your cart.' }),
  ).toHaveText('Added 2 copies of Jane Eyre to your cart.');

  await page.getByRole('link', { name: 'Cart' }).click();
  await expect(page.getByLabel('Quantity for Jane Eyre')).toHaveValue('2');
  await page.getByLabel('Quantity for Jane Eyre').fill('3');
  await page.getByRole('button', { name: 'Update quantity for Jane Eyre' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your cart now has 3 copies of Jane Eyre.' }),
  ).toHaveText('Your cart now has 3 copies of Jane Eyre.');
  await expect(page.getByLabel('Quantity for Jane Eyre')).toHaveValue('3');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('$38.97');

  await page.getByRole('button', { name: 'Remove Jane Eyre' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed Jane Eyre from your cart.' }),
  ).toHaveText('Removed Jane Eyre from your cart.');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

test('the catalog adds to the cart without JavaScript', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('article', { name: 'Dracula' })
    .getByRole('button', { name: 'Add to cart' })
    .click();
  await expect(page.getByText('Added 1 copy of Dracula to your cart.')).toBeVisible();
  await page.goto('/cart');
  await expect(page.getByLabel('Quantity for Dracula')).toHaveValue('1');
});
