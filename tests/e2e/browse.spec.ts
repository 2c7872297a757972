import { bookCard, expect, test } from './fixtures';

test('the catalog lists every book with its author, price and cover', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Folio — classic books');
  await expect(page.getByRole('heading', { level: 1, name: 'Classic books' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(32);
  // The end-to-end build runs on the local Stripe emulator.
  await expect(page.getByRole('note')).toContainText('Test mode');
  const card = bookCard(page, 'Pride and Prejudice');
  await expect(card.getByText('Jane Austen')).toBeVisible();
  await expect(card.getByText('$12.99')).toBeVisible();
  await expect(card.getByRole('img', { name: 'Cover of Pride and Prejudice' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    /public-domain classics/,
  );
});

test('a book page shows the book and its own metadata', async ({ page }) => {
  await page.goto('/');
  await bookCard(page, 'Moby-Dick').getByRole('link', { name: 'Moby-Dick' }).click();
  await expect(page).toHaveURL('/books/moby-dick');
  await expect(page.getByRole('heading', { level: 1, name: 'Moby-Dick' })).toBeVisible();
  await expect(page).toHaveTitle('Moby-Dick by Herman Melville · Folio');
  // Role queries skip the catalog page that Next keeps mounted but hidden.
  const book = page.getByRole('article', { name: 'Moby-Dick' });
  await expect(book.getByText('Herman Melville, 1851')).toBeVisible();
  await expect(book.getByText('$18.99')).toBeVisible();
  await expect(book.getByRole('img', { name: 'Cover of Moby-Dick' })).toBeVisible();
  await expect(page.getByLabel('Quantity')).toHaveValue('1');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Ishmael/);
});

test('an unknown book is a real 404 page', async ({ page }) => {
  for (const path of ['/books/not-a-book', '/books/__proto__', '/books/moby-dick/extra', '/nope']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page).toHaveTitle('Page not found · Folio');
  }
  await page.getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Classic books' })).toBeVisible();
});
