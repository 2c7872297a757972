import type { Page } from '@playwright/test';
import Stripe from 'stripe';
import { expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';
import { STRIPE_HARNESS } from '../stripe-js/harness-ports';

const stripe = new Stripe('sk_test_harness', {
  host: '127.0.0.1',
  port: STRIPE_HARNESS.emulatorPort,
  protocol: 'http',
  telemetry: false,
});

async function openCheckout(page: Page, publishableKey = 'pk_test_harness') {
  const intent = await stripe.paymentIntents.create({
    amount: 4250,
    currency: 'usd',
    automatic_payment_methods: { enabled: true },
  });
  await page.goto(
    `${STRIPE_HARNESS.url}/?pk=${publishableKey}&client_secret=${intent.client_secret}`,
  );
  await expect(page.getByTestId('ready')).toHaveText('3 of 3 ready');
  return intent;
}

test.describe('the Stripe.js stand-in with @stripe/react-stripe-js', () => {
  test('mounts the three Elements in iframes and pays with 4242', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (['warning', 'error'].includes(message.type())) warnings.push(message.text());
    });
    const intent = await openCheckout(page);
    // @stripe/stripe-js warns when Stripe.version is not the release it expects.
    expect(warnings).toEqual([]);
    await expect(page.getByRole('button', { name: 'Pay' })).toBeDisabled();
    for (const title of [
      'Secure email input frame',
      'Secure address input frame',
      'Secure payment input frame',
    ]) {
      await expect(
        page
          .frameLocator(`iframe[title="${title}"]`)
          .getByText('Test mode — local Stripe emulator'),
      ).toBeVisible();
    }
    await fillShopper(page);
    await fillCard(page, '4242 4242 4242 4242');
    // The card number lives in the emulator's iframe, never in the page.
    expect(await page.content()).not.toContain('4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
    expect(page.url()).toContain(`payment_intent=${intent.id}`);
    expect(page.url()).toContain('redirect_status=succeeded');

    const paid = await stripe.paymentIntents.retrieve(intent.id);
    expect(paid).toMatchObject({
      status: 'succeeded',
      receipt_email: 'reader@example.com',
      shipping: {
        name: 'Ada Reader',
        address: {
          line1: '1 Library Way',
          city: 'Springfield',
          state: 'IL',
          postal_code: '62701',
          country: 'US',
        },
      },
    });
    const method = await stripe.paymentMethods.retrieve(paid.payment_method as string);
    expect(method.card).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  test('shows a decline, then pays with another card on the same intent', async ({ page }) => {
    const intent = await openCheckout(page);
    await fillShopper(page);
    await fillCard(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe(
      'requires_payment_method',
    );
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  test('reports incomplete and invalid card details as Stripe does, without calling the API', async ({
    page,
  }) => {
    // A key of its own, to find this page's requests in the shared emulator's log.
    const key = 'pk_test_harness_validation';
    await openCheckout(page, key);
    await fillShopper(page);
    await fillCard(page, '4242 4242 4242 4241');
    const card = page.frameLocator('iframe[title="Secure payment input frame"]');
    await card.getByLabel('Card number').blur();
    await expect(card.getByText('Your card number is invalid.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pay' })).toBeDisabled();
    const log = (await (
      await fetch(`http://127.0.0.1:${STRIPE_HARNESS.emulatorPort}/_emulator/requests`)
    ).json()) as {
      data: Array<{ path: string; params: { key?: string } }>;
    };
    const mine = log.data.filter((r) => r.params.key === key);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((r) => r.path.startsWith('/v1/payment_methods'))).toEqual([]);
  });

  test('passes 3D Secure with Complete', async ({ page }) => {
    // A slow challenge script: pressing Complete must wait for it, never be lost.
    await page.route('**/3ds/challenge.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const intent = await openCheckout(page);
    await fillShopper(page);
    await fillCard(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Pay' }).click();
    const challenge = page.frameLocator('iframe[title="3D Secure authentication"]');
    await expect(challenge.getByText('$42.50')).toBeVisible();
    await challenge.getByRole('button', { name: 'Complete' }).click();
    await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  test('fails 3D Secure with Fail, and says so', async ({ page }) => {
    const intent = await openCheckout(page);
    await fillShopper(page);
    await fillCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .frameLocator('iframe[title="3D Secure authentication"]')
      .getByRole('button', { name: 'Fail' })
      .click();
    await expect(page.getByRole('alert')).toContainText('failed authentication');
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe(
      'requires_payment_method',
    );
  });

  test('reports an unusable client secret as a load error', async ({ page }) => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    await page.goto(
      `${STRIPE_HARNESS.url}/?pk=pk_test_harness&client_secret=${intent.client_secret}`,
    );
    await expect(page.getByRole('alert')).toContainText('Could not load the payment form');
  });
});
