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

test('search and filters work without JavaScript', async ({ page }) => {
  await page.goto('/');
  const form = page.getByRole('search', { name: 'Catalog' });
  await form.getByLabel('Search by title, author or description').fill('dickns');
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/\?q=dickns(&|$)/);
  const titles = page.getByRole('article').getByRole('heading', { level: 2 });
  await expect(titles).toHaveText(['Great Expectations', 'A Tale of Two Cities']);

  await form.getByLabel('Genre').selectOption({ label: 'Historical' });
  await form.getByLabel('Sort by').selectOption({ label: 'Oldest first' });
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]genre=historical(&|$)/);
  await expect(titles).toHaveText(['A Tale of Two Cities']);
  await expect(
    page.getByRole('status').filter({ hasText: 'matching “dickns”, in Historical' }),
  ).toHaveText('1 book matching “dickns”, in Historical');
  await expect(form.getByLabel('Search by title, author or description')).toHaveValue('dickns');

  await page.getByRole('link', { name: 'Clear search and filters' }).click();
  await expect(page.getByRole('article')).toHaveCount(32);
});
