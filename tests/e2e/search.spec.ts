import type { Page } from '@playwright/test';
import { bookCard, expect, test } from './fixtures';

function searchForm(page: Page) {
  return page.getByRole('search', { name: 'Catalog' });
}

function resultsCount(page: Page) {
  return page.getByRole('status').filter({ hasText: /\bbooks?\b/ });
}

test('a search by author with a typo finds the book', async ({ page }) => {
  await page.goto('/');
  await searchForm(page).getByLabel('Search by title, author or description').fill('melvile');
  await searchForm(page).getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/\?q=melvile(&|$)/);
  await expect(resultsCount(page)).toHaveText('1 book matching “melvile”');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(bookCard(page, 'Moby-Dick').getByText('Herman Melville')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Classic books' })).toBeVisible();
  await expect(page).toHaveTitle('Search for “melvile” · Folio');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});

test('filters and sort live in the URL: they survive a reload and the back button', async ({
  page,
}) => {
  await page.goto('/');
  const form = searchForm(page);
  await form.getByLabel('Genre').selectOption({ label: 'Gothic' });
  await form.getByLabel('Max price (USD)').fill('12');
  await form.getByLabel('Sort by').selectOption({ label: 'Price, low to high' });
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]genre=gothic(&|$)/);
  await expect(page).toHaveURL(/[?&]max=12(&|$)/);
  await expect(page).toHaveURL(/[?&]sort=price-asc(&|$)/);

  const gothicUnder12 = [
    'Strange Case of Dr Jekyll and Mr Hyde',
    'The Picture of Dorian Gray',
    'Frankenstein',
    'Wuthering Heights',
  ];
  const titles = page.getByRole('article').getByRole('heading', { level: 2 });
  await expect(titles).toHaveText(gothicUnder12);
  await expect(resultsCount(page)).toHaveText('4 books matching in Gothic, up to $12.00');

  await page.reload();
  await expect(titles).toHaveText(gothicUnder12);
  await expect(form.getByLabel('Genre')).toHaveValue('gothic');
  await expect(form.getByLabel('Max price (USD)')).toHaveValue('12');
  await expect(form.getByLabel('Sort by')).toHaveValue('price-asc');

  await form.getByLabel('Author', { exact: true }).selectOption({ label: 'Bram Stoker' });
  await form.getByLabel('Max price (USD)').fill('');
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]author=bram-stoker(&|$)/);
  await expect(titles).toHaveText(['Dracula']);

  await page.goBack();
  await expect(page).toHaveURL(/[?&]max=12(&|$)/);
  await expect(titles).toHaveText(gothicUnder12);
  await expect(form.getByLabel('Author', { exact: true })).toHaveValue('');

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('article')).toHaveCount(32);
});

test('a search with no results says so and links back to the full list', async ({ page }) => {
  await page.goto('/?q=zzzzqx');
  await expect(resultsCount(page)).toHaveText('No books match “zzzzqx”.');
  await expect(page.getByRole('article')).toHaveCount(0);
  await page.getByRole('link', { name: 'browse all 32 books' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('article')).toHaveCount(32);
  await expect(searchForm(page).getByLabel('Search by title, author or description')).toHaveValue(
    '',
  );
});

test('invalid values in the URL are named and ignored', async ({ page }) => {
  const response = await page.goto('/?min=abc&sort=cheapest&genre=cookery');
  expect(response?.status()).toBe(200);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be used' });
  await expect(alert).toContainText('The minimum price “abc” is not an amount');
  await expect(alert).toContainText('There is no sort order “cheapest”');
  await expect(alert).toContainText('There is no genre “cookery”');
  await expect(page.getByRole('article')).toHaveCount(32);
  await expect(searchForm(page).getByLabel('Min price (USD)')).toHaveValue('');
  await page.getByRole('link', { name: 'Clear search and filters' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be used' })).toHaveCount(0);
});

test('on a 360 px phone the search fits the screen and its controls are easy to tap', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/?q=austen&min=abc');
  await expect(page.getByRole('article').first()).toBeVisible();
  const form = searchForm(page);
  const overflow = await form.evaluate((element) => {
    const widest = Math.max(
      ...[element, ...element.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right),
    );
    return widest - document.documentElement.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const controls = [
    form.getByLabel('Search by title, author or description'),
    form.getByRole('button', { name: 'Search' }),
    form.getByLabel('Author', { exact: true }),
    form.getByLabel('Genre'),
    form.getByLabel('Min price (USD)'),
    form.getByLabel('Max price (USD)'),
    form.getByLabel('Sort by'),
    form.getByRole('button', { name: 'Apply filters' }),
    form.getByRole('link', { name: 'Clear search and filters' }),
  ];
  for (const control of controls) {
    const box = await control.boundingBox();
    expect(box?.height, String(control)).toBeGreaterThanOrEqual(44);
  }
});
