import type { Page } from '@playwright/test';
import Stripe from 'stripe';
import { E2E_STRIPE_PORT } from '../e2e-env';
import { bookCard, cartId, cartLink, expect, test } from './fixtures';
import { SHIPPING_COUNTRIES } from '../../lib/pricing/shipping-rates';
import { fillCard, fillShopper } from './payment-form';

const emulatorPort = E2E_STRIPE_PORT;
const emulator = `http://127.0.0.1:${emulatorPort}`;
const stripe = new Stripe('sk_test_e2e_checker', {
  host: '127.0.0.1',
  port: emulatorPort,
  protocol: 'http',
  telemetry: false,
});

async function intentsOfCart(id: string): Promise<Stripe.PaymentIntent[]> {
  const response = await fetch(`${emulator}/_emulator/payment_intents?metadata[cart_id]=${id}`);
  return ((await response.json()) as { data: Stripe.PaymentIntent[] }).data;
}

async function flushWebhooks() {
  await fetch(`${emulator}/_emulator/webhooks/flush`, {
    method: 'POST',
    body: '{"timeoutMs": 10000}',
  });
}

/** Two books (2 × 12.99 + 18.99 = 44.97, plus 4.99 shipping = 49.96). */
async function fillCart(page: Page) {
  await page.goto('/');
  await bookCard(page, 'Pride and Prejudice').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await bookCard(page, 'Pride and Prejudice').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 2)).toBeVisible();
  await bookCard(page, 'Moby-Dick').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 3)).toBeVisible();
}

async function openCheckout(page: Page) {
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(page.getByText('Test mode')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pay $49.96' })).toBeDisabled();
}

/** A filled cart, at checkout, with the shopper's details and `card` typed in; the cart id. */
async function readyToPay(page: Page, card: string): Promise<string> {
  await fillCart(page);
  const id = await cartId(page);
  await openCheckout(page);
  await fillShopper(page);
  await fillCard(page, card);
  return id;
}

async function expectPaidOrder(page: Page, last4 = '4242') {
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText('$49.96');
  await expect(page.getByText('reader@example.com')).toBeVisible();
  await expect(page.getByText(`visa ending in ${last4}`, { exact: true })).toBeVisible();
  await expect(
    page.getByText('Ada Reader, 1 Library Way, Springfield, IL 62701, US'),
  ).toBeVisible();
  await expect(cartLink(page, 0)).toBeVisible();
}

test('pays with 4242 and shows the paid order with an empty cart', async ({ page }) => {
  const id = await readyToPay(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expectPaidOrder(page);
  const intents = await intentsOfCart(id);
  expect(intents).toHaveLength(1);
  expect(intents[0]).toMatchObject({ amount: 4996, currency: 'usd', status: 'succeeded' });
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem')).toHaveCount(1);
});

test('shows a decline, then pays with another card on the same intent', async ({ page }) => {
  const id = await readyToPay(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'declined' })).toHaveText(
    'Your card was declined.',
  );
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expectPaidOrder(page);
  expect(await intentsOfCart(id)).toHaveLength(1);
  await flushWebhooks();
  await page.reload();
  await expect(page.getByText(/^Payment attempt failed: Your card was declined\./)).toBeVisible();
});

test('passes and fails 3D Secure', async ({ page }) => {
  await readyToPay(page, '4000 0025 0000 3155');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await page
    .frameLocator('iframe[title="3D Secure authentication"]')
    .getByRole('button', { name: 'Fail' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'authentication' })).toContainText(
    'failed authentication',
  );
  await fillCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await page
    .frameLocator('iframe[title="3D Secure authentication"]')
    .getByRole('button', { name: 'Complete' })
    .click();
  await expectPaidOrder(page, '3184');
});

test('a double click on Pay charges once', async ({ page }) => {
  const id = await readyToPay(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay $49.96' }).dblclick();
  await expectPaidOrder(page);
  const [intent] = await intentsOfCart(id);
  expect((await stripe.charges.list({ payment_intent: intent!.id })).data).toHaveLength(1);
});

test('reloading checkout keeps the same intent', async ({ page }) => {
  await fillCart(page);
  const id = await cartId(page);
  await openCheckout(page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pay $49.96' })).toBeVisible();
  await page.goto('/checkout');
  await expect(page.getByRole('button', { name: 'Pay $49.96' })).toBeVisible();
  expect(await intentsOfCart(id)).toHaveLength(1);
});

test('changing the cart in a second tab stops the first tab from paying the old amount', async ({
  page,
  context,
}) => {
  const id = await readyToPay(page, '4242 4242 4242 4242');
  const other = await context.newPage();
  await other.goto('/books/dracula');
  await other.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(other, 4)).toBeVisible();
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expect(
    page.getByText('Your cart changed — review your order. Nothing was charged.'),
  ).toBeVisible();
  await expect.poll(async () => (await intentsOfCart(id))[0]?.status).toBe('canceled');
  expect(
    (await stripe.charges.list({ payment_intent: (await intentsOfCart(id))[0]!.id })).data,
  ).toHaveLength(0);
});

test('closing the tab right after paying still yields a paid order, through the webhook', async ({
  page,
  context,
}) => {
  const id = await readyToPay(page, '4242 4242 4242 4242');
  // The return page is never reached: the tab "closes" as Stripe redirects.
  await page.route('**/checkout/complete**', (route) => route.abort());
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expect.poll(async () => (await intentsOfCart(id))[0]?.status).toBe('succeeded');
  await page.close();
  await flushWebhooks();
  const intent = (await intentsOfCart(id))[0]!;
  const orders = await context.newPage();
  await orders.goto(`/orders/${intent.metadata.order_id}`);
  await expect(orders.getByText('Paid', { exact: true })).toBeVisible();
});

test('another browser context cannot open the order', async ({ page, browser }) => {
  await readyToPay(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay $49.96' }).click();
  await expectPaidOrder(page);
  const stranger = await browser.newContext();
  const response = await (await stranger.newPage()).goto(page.url());
  expect(response?.status()).toBe(404);
  await stranger.close();
});

test('the address form offers only the countries the store ships to', async ({ page }) => {
  await fillCart(page);
  await page.goto('/checkout');
  const country = page
    .frameLocator('iframe[title="Secure address input frame"]')
    .getByLabel('Country or region');
  await expect(country).toHaveValue('US');
  const offered = await country
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(offered).toEqual(SHIPPING_COUNTRIES);
});

test('an empty cart cannot check out', async ({ page }) => {
  await page.goto('/checkout');
  await expect(page).toHaveURL('/cart?notice=checkout-empty');
  await expect(
    page.getByText('Your cart is empty, so there is nothing to pay for yet.'),
  ).toBeVisible();
});

test('says so plainly when Stripe.js cannot load', async ({ page }) => {
  await fillCart(page);
  // What an ad blocker does to js.stripe.com.
  await page.route('**/endive/stripe.js', (route) => route.abort('blockedbyclient'));
  await page.goto('/checkout');
  // Next's route announcer is an alert too: find this one by its words.
  const message = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(message).toContainText('The secure payment form (Stripe.js) could not be loaded');
  await expect(message).toContainText('Nothing was charged.');
});

test('says so when the payment form does not become ready, and not once it is', async ({
  page,
}) => {
  await fillCart(page);
  // The Payment Element's frame never answers: Stripe.js loaded, the form never ready.
  await page.route('**/elements/payment?**', () => undefined);
  // The hanging frame holds back the load event, not the page.
  await page.goto('/checkout', { waitUntil: 'domcontentloaded' });
  const slow = page.getByText('The payment form is taking too long to load — reload the page.');
  await expect(slow).toBeVisible({ timeout: 10_000 });
  await expect(slow).toContainText('Nothing was charged.');

  await page.unroute('**/elements/payment?**');
  await page.reload();
  await expect(
    page.frameLocator('iframe[title="Secure payment input frame"]').getByLabel('Card number'),
  ).toBeVisible();
  // Gone once every Element is ready, however long the page stays open.
  await expect(slow).toHaveCount(0);
});

test('says so when the page’s JavaScript never runs', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/books/emma');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/checkout');
    const slow = page.getByText('The payment form is taking too long to load');
    await expect(slow).toBeVisible({ timeout: 10_000 });
  } finally {
    await context.close();
  }
});

test('the return page shows nothing about unknown or foreign payments', async ({
  page,
  browser,
}) => {
  await fillCart(page);
  const id = await cartId(page);
  await openCheckout(page);
  const [intent] = await intentsOfCart(id);
  for (const query of ['payment_intent=pi_doesnotexist', 'payment_intent=%3Cscript%3E', '']) {
    const response = await page.goto(`/checkout/complete?${query}&redirect_status=succeeded`);
    expect(response?.status(), query).toBe(404);
  }
  const stranger = await browser.newContext();
  const response = await (
    await stranger.newPage()
  ).goto(`/checkout/complete?payment_intent=${intent!.id}&redirect_status=succeeded`);
  expect(response?.status()).toBe(404);
  expect(await response?.text()).not.toContain(intent!.id);
  await stranger.close();
});
