import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bookCard, cartLink, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the store has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  expect(await seriousViolations(page), '/').toEqual([]);

  await page.goto('/books/dracula');
  expect(await seriousViolations(page), 'book page').toEqual([]);

  await page.goto('/');
  await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/cart');
  expect(await seriousViolations(page), '/cart').toEqual([]);

  await page.goto('/checkout');
  const card = page.frameLocator('iframe[title="Secure payment input frame"]');
  await expect(card.getByLabel('Card number')).toBeVisible();
  expect(await seriousViolations(page), '/checkout').toEqual([]);

  await fillShopper(page);
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  expect(await seriousViolations(page), 'order page').toEqual([]);
});
