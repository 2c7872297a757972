import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { E2E_OPERATORS } from '../e2e-env';
import { buyDracula, signIn } from './back-office-helpers';
import { bookCard, cartLink, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

// One test per page: a full axe scan takes seconds on a cold 2-core machine,
// so each page gets the whole default budget, and a payment the same budget
// the checkout specs give one.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function addEmma(page: Page) {
  await page.goto('/');
  await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
}

async function openCheckout(page: Page) {
  await addEmma(page);
  await page.goto('/checkout');
  const card = page.frameLocator('iframe[title="Secure payment input frame"]');
  await expect(card.getByLabel('Card number')).toBeVisible();
}

test('the catalog has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  expect(await seriousViolations(page)).toEqual([]);
});

test('a search results page has no serious or critical accessibility violations', async ({
  page,
}) => {
  // Results, a filter in use and a value the page had to ignore, all at once.
  await page.goto('/?q=austen&genre=romance&min=abc');
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be used' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a book page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/books/dracula');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the cart has no serious or critical accessibility violations', async ({ page }) => {
  await addEmma(page);
  await page.goto('/cart');
  expect(await seriousViolations(page)).toEqual([]);
});

test('checkout has no serious or critical accessibility violations', async ({ page }) => {
  await openCheckout(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('an order page has no serious or critical accessibility violations', async ({ page }) => {
  await openCheckout(page);
  await fillShopper(page);
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the back office sign-in has no serious or critical accessibility violations', async ({
  page,
}) => {
  await page.goto('/admin/sign-in');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the back office order list and audit log have no serious or critical accessibility violations', async ({
  page,
}) => {
  await signIn(page, E2E_OPERATORS.scanOrders);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/admin/audit');
  expect(await seriousViolations(page)).toEqual([]);
});

test("the back office's order page has no serious or critical accessibility violations", async ({
  page,
}) => {
  const { orderId } = await buyDracula(page);
  await signIn(page, E2E_OPERATORS.scanOrder);
  await page.goto(`/admin/orders/${orderId}`);
  await expect(page.getByRole('button', { name: 'Refund', exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
