/**
 * What pricing costs the shopper, against `next start` on the emulators:
 * the cart page's latency (with and without a discount code to check), and
 * in Chromium the time from an address change at checkout to the Pay button
 * showing the requoted amount (the form's 400 ms debounce included, since
 * the shopper waits through it too).
 *
 * Runs against whatever build is in .next, so the same script measures an
 * older commit's cart page for a before/after comparison.
 */
import { chromium, type Page } from '@playwright/test';
import { cartCookieName, sealCart } from '../../lib/cart/cart-cookie';
import { emptyCart, type Cart } from '../../lib/cart/cart';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from '../../tests/chromium-executable';
import { runLoad, type LoadResult } from './load';
import { BENCH_ADMIN, BENCH_SESSION_PASSWORD, startEmulators, startNext } from './next-server';
import { percentile } from './percentile';

const NEXT_PORT = 3480;
const EMULATOR_PORT = 3481;
const LINES = [
  { bookId: 'b01', quantity: 2 },
  { bookId: 'b02', quantity: 1 },
  { bookId: 'b03', quantity: 1 },
];

export type PricingBench = {
  cartPage: LoadResult[];
  addressChange: { runs: number; p50: number; p99: number; max: number } | null;
};

async function cartCookie(cart: Cart): Promise<string> {
  return `${cartCookieName(true)}=${await sealCart(cart, BENCH_SESSION_PASSWORD)}`;
}

/** A code for the cart page to check, through the operator API; null where it has none. */
async function createCode(baseUrl: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/api/admin/discount-codes`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${BENCH_ADMIN.apiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ code: 'BENCH10', percent_off: 10 }),
  });
  return response.status === 201 ? 'BENCH10' : null;
}

async function payLabel(page: Page, previous: string | null): Promise<string> {
  const handle = await page.waitForFunction(
    (before) => {
      const button = [...document.querySelectorAll('button')].find((b) =>
        b.textContent?.startsWith('Pay $'),
      );
      if (!button || button.disabled || button.textContent === before) return null;
      return button.textContent;
    },
    previous,
    { polling: 'raf', timeout: 15_000 },
  );
  return (await handle.jsonValue())!;
}

async function measureAddressChanges(baseUrl: string, runs: number) {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: OFFLINE_CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    const origin = new URL(baseUrl).origin;
    const added = await page.request.post('/api/cart', {
      headers: { 'content-type': 'application/json', origin },
      data: { items: { b01: { quantity: 2 }, b02: { quantity: 1 } } },
    });
    if (!added.ok()) throw new Error(`POST /api/cart: ${added.status()}`);
    await page.goto('/checkout');
    const address = page.frameLocator('iframe[title="Secure address input frame"]');
    await page
      .frameLocator('iframe[title="Secure email input frame"]')
      .getByLabel('Email')
      .fill('bench@example.com');
    await address.getByLabel('Full name').fill('Ada Reader');
    await address.getByLabel('Address line 1').fill('1 Library Way');
    await address.getByLabel('City').fill('New York');
    await address.getByLabel('State').fill('NY');
    await address.getByLabel('ZIP').fill('10001');
    // Pay is enabled once the card is complete too.
    const card = page.frameLocator('iframe[title="Secure payment input frame"]');
    await card.getByLabel('Card number').fill('4242 4242 4242 4242');
    await card.getByLabel('Expiration date').fill('12 / 34');
    await card.getByLabel('Security code').fill('123');
    let label = await payLabel(page, null);
    const durations: number[] = [];
    for (let i = 0; i < runs; i++) {
      // New York taxes books and Oregon has no sales tax: each change moves the total.
      const [state, zip] = i % 2 === 0 ? ['OR', '97201'] : ['NY', '10001'];
      const started = performance.now();
      await address.getByLabel('ZIP').fill(zip);
      await address.getByLabel('State').fill(state);
      label = await payLabel(page, label);
      durations.push(performance.now() - started);
    }
    durations.sort((a, b) => a - b);
    return {
      runs,
      p50: percentile(durations, 50),
      p99: percentile(durations, 99),
      max: durations.at(-1) ?? 0,
    };
  } finally {
    await browser.close();
  }
}

export async function benchPricing(durationSeconds: number, runs = 20): Promise<PricingBench> {
  const emulators = await startEmulators(EMULATOR_PORT);
  const next = await startNext(NEXT_PORT, EMULATOR_PORT).catch(async (error: unknown) => {
    await emulators.stop();
    throw error;
  });
  try {
    const cart: Cart = { ...emptyCart(), lines: LINES };
    const variants: Array<[string, Cart]> = [['cart page, 3 books', cart]];
    const code = await createCode(next.url);
    if (code) variants.push(['cart page, 3 books and a code', { ...cart, discountCode: code }]);
    const cartPage: LoadResult[] = [];
    for (const [name, variant] of variants) {
      const cookie = await cartCookie(variant);
      cartPage.push(
        await runLoad({
          name,
          url: `${next.url}/cart`,
          headers: { cookie },
          connections: 1,
          durationSeconds,
          verifyBody: (body) => body.includes('Subtotal') && (!code || body.includes('Checkout')),
        }),
      );
    }
    const hasQuotes = (await fetch(`${next.url}/api/checkout/quote`, { method: 'POST' })).status;
    // A build from before checkout quoted has no quote endpoint (404) and no address pricing.
    const addressChange = hasQuotes === 404 ? null : await measureAddressChanges(next.url, runs);
    return { cartPage, addressChange };
  } finally {
    await next.stop();
    await emulators.stop();
  }
}
