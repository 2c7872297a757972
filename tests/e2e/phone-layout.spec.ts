import type { Locator, Page } from '@playwright/test';
import { E2E_OPERATORS } from '../e2e-env';
import { signIn } from './back-office-helpers';
import { bookCard, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

// A phone: the widths of the smallest common phones up to a large one.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const NARROW = [360, 390];
const ALL_WIDTHS = [360, 390, 414];

/** Long titles and quantities above one: the lines that ran off a 390 px screen. */
const CART_ITEMS = { b20: 2, b04: 3, b02: 1 };
const CART_TITLES = [
  'Strange Case of Dr Jekyll and Mr Hyde',
  'The Adventures of Sherlock Holmes',
  'Moby-Dick',
];

/** WCAG 2.5.5's target size, which phones' own guidelines also ask for. */
const MIN_TARGET_PX = 44;

/**
 * At each width the page is no wider than the screen. The width is checked
 * too: a mobile browser zooms out to fit a page that overflows, and then
 * innerWidth grows with it.
 */
async function expectNoSideScroll(page: Page, widths: number[]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 844 });
    await expect
      .poll(
        () =>
          page.evaluate(() => ({
            innerWidth: window.innerWidth,
            scrollWidth: document.documentElement.scrollWidth,
          })),
        { message: `${page.url()} at ${width} px` },
      )
      .toEqual({ innerWidth: width, scrollWidth: width });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box`);
  return found;
}

/** Every visible control in the header and the page's main content, with its tap area. */
async function smallTargets(page: Page): Promise<string[]> {
  const regions = page.locator('header, main');
  const controls = [
    ...(await regions.getByRole('link').all()),
    ...(await regions.getByRole('button').all()),
    ...(await regions.getByRole('textbox').all()),
    ...(await regions.getByRole('spinbutton').all()),
    ...(await regions.getByRole('combobox').all()),
    ...(await regions.getByRole('searchbox').all()),
  ];
  const small: string[] = [];
  for (const control of controls) {
    if (!(await control.isVisible())) continue;
    const { width, height } = await box(control);
    if (width < MIN_TARGET_PX || height < MIN_TARGET_PX) {
      const name = (await control.getAttribute('aria-label')) ?? (await control.innerText());
      small.push(
        `${name.trim() || (await control.evaluate((el) => el.outerHTML))}: ${Math.round(width)}×${Math.round(height)}`,
      );
    }
  }
  // A radio button's target is its label, which a tap anywhere on toggles.
  for (const radio of await regions.getByRole('radio').all()) {
    if (!(await radio.isVisible())) continue;
    const label = radio.locator('xpath=ancestor::label[1]');
    const { width, height } = await box(label);
    if (width < MIN_TARGET_PX || height < MIN_TARGET_PX)
      small.push(`${await label.innerText()}: ${Math.round(width)}×${Math.round(height)}`);
  }
  return small;
}

async function fillCart(page: Page, baseURL: string | undefined) {
  const items = Object.fromEntries(
    Object.entries(CART_ITEMS).map(([bookId, quantity]) => [bookId, { quantity }]),
  );
  const response = await page.request.post('/api/cart', {
    headers: { 'content-type': 'application/json', origin: new URL(baseURL ?? '').origin },
    data: Buffer.from(JSON.stringify({ items })),
  });
  expect(response.ok()).toBe(true);
}

/** The amount on the Pay button: "$49.96". */
async function payAmount(page: Page): Promise<string> {
  const label = await page.getByRole('button', { name: /^Pay \$/ }).textContent();
  return (label ?? '').replace('Pay ', '');
}

test('the catalog shows two covers a row and fits the screen', async ({ page }) => {
  await page.goto('/');
  const [first, second, third] = await Promise.all(
    ['Pride and Prejudice', 'Moby-Dick', 'Frankenstein'].map((title) => box(bookCard(page, title))),
  );
  expect(second!.y).toBe(first!.y);
  expect(second!.x).toBeGreaterThan(first!.x + first!.width);
  expect(second!.x + second!.width).toBeLessThanOrEqual(390);
  expect(third!.y).toBeGreaterThan(first!.y + first!.height);
  await expectNoSideScroll(page, ALL_WIDTHS);
  expect(await smallTargets(page)).toEqual([]);
});

test('a book page fits the screen and its controls are big enough to tap', async ({ page }) => {
  await page.goto('/books/strange-case-of-dr-jekyll-and-mr-hyde');
  await expect(
    page.getByRole('heading', { name: 'Strange Case of Dr Jekyll and Mr Hyde' }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'Cover of Strange Case of Dr Jekyll and Mr Hyde' }),
  ).toBeVisible();
  await expectNoSideScroll(page, ALL_WIDTHS);
  expect(await smallTargets(page)).toEqual([]);
});

test('the cart with long titles fits the screen, line totals and summary included', async ({
  page,
  baseURL,
}) => {
  await fillCart(page, baseURL);
  await page.goto('/cart');
  const lines = page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
  await expect(lines).toHaveCount(CART_TITLES.length);
  await expect(page.getByLabel('Quantity for The Adventures of Sherlock Holmes')).toHaveValue('3');
  await expectNoSideScroll(page, ALL_WIDTHS);
  for (const width of NARROW) {
    await page.setViewportSize({ width, height: 844 });
    for (const title of CART_TITLES) {
      const total = lines.filter({ hasText: title }).getByText(`Line total for ${title}:`);
      // The line total is the text around its hidden label: its paragraph must be on screen.
      const paragraph = await box(total.locator('xpath=..'));
      expect(paragraph.x + paragraph.width, `${title} at ${width} px`).toBeLessThanOrEqual(width);
    }
    const summary = await box(page.getByRole('region', { name: 'Order summary' }));
    expect(summary.x + summary.width).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await smallTargets(page)).toEqual([]);
});

test('checkout shows the order summary and its total before the payment form, and pays', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await fillCart(page, baseURL);
  await page.goto('/checkout');
  const card = page.frameLocator('iframe[title="Secure payment input frame"]');
  await expect(card.getByLabel('Card number')).toBeVisible();

  const summary = page.getByRole('region', { name: 'Order summary' });
  const total = summary.getByTestId('checkout-summary-total');
  const pay = page.getByRole('button', { name: /^Pay \$/ });
  await expect(summary.getByRole('list', { name: 'Your order' })).toContainText(
    '2 × Strange Case of Dr Jekyll and Mr Hyde',
  );
  const [summaryBox, contactBox, payBox] = await Promise.all([
    box(summary),
    box(page.getByRole('heading', { name: 'Contact' })),
    box(pay),
  ]);
  expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(contactBox.y);
  expect(summaryBox.y).toBeLessThan(payBox.y);
  // Compact: the total is on the first screen, above the form.
  expect((await box(total)).y + 20).toBeLessThan(844);
  await expect(total).toHaveText(await payAmount(page));
  await expectNoSideScroll(page, NARROW);
  expect(await smallTargets(page)).toEqual([]);

  // The address and the shipping speed set the total: the summary follows the Pay button.
  await fillShopper(page);
  await expect(page.getByTestId('checkout-totals')).toContainText('(Standard), tax $');
  await expect(total).toHaveText(await payAmount(page));
  const standard = await total.textContent();
  await page.getByRole('radio', { name: /^Express/ }).check();
  await expect(page.getByTestId('checkout-totals')).toContainText('(Express)');
  await expect.poll(() => total.textContent()).not.toBe(standard);
  await expect(total).toHaveText(await payAmount(page));
  expect(await smallTargets(page)).toEqual([]);
  await expectNoSideScroll(page, NARROW);

  await fillCard(page, '4242 4242 4242 4242');
  await pay.click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  await expect(page.getByRole('heading', { name: /^Order ord_/ })).toBeVisible();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expectNoSideScroll(page, ALL_WIDTHS);
});

test('the back office fits a phone: its home, the order list and an order', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  // A paid order to look at, bought by a shopper of its own.
  const shopper = await browser.newContext();
  const shopperPage = await shopper.newPage();
  await shopperPage.goto('/');
  await bookCard(shopperPage, 'Dracula').getByRole('button', { name: 'Add to cart' }).click();
  await expect(shopperPage.getByRole('link', { name: 'Cart 1 item' })).toBeVisible();
  await shopperPage.goto('/checkout');
  await fillShopper(shopperPage, 'a-reader-with-a-rather-long-address@example.com');
  await fillCard(shopperPage, '4242 4242 4242 4242');
  await shopperPage.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(shopperPage).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  const orderId = new URL(shopperPage.url()).pathname.split('/').pop()!;
  await shopper.close();

  await signIn(page, E2E_OPERATORS.phone);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  await expectNoSideScroll(page, ALL_WIDTHS);

  await page.getByLabel('Order number or email').fill(orderId);
  await page.getByRole('button', { name: 'Show orders' }).click();
  await expect(page.getByRole('row').filter({ hasText: orderId })).toHaveCount(1);
  await expectNoSideScroll(page, NARROW);

  await page.getByRole('link', { name: orderId }).click();
  await expect(page.getByRole('heading', { name: `Order ${orderId}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refund', exact: true })).toBeVisible();
  await expectNoSideScroll(page, ALL_WIDTHS);
});
