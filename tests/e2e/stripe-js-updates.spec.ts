import type { Page } from '@playwright/test';
import type { StripeAddressElementChangeEvent } from '@stripe/stripe-js';
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

/** Opens the harness on a new $42.50 intent; `query` adds Address Element options. */
async function openCheckout(page: Page, query: Record<string, string> = {}) {
  const intent = await stripe.paymentIntents.create({
    amount: 4250,
    currency: 'usd',
    automatic_payment_methods: { enabled: true },
  });
  const search = new URLSearchParams({
    pk: 'pk_test_harness',
    client_secret: intent.client_secret!,
    ...query,
  });
  await page.goto(`${STRIPE_HARNESS.url}/?${search.toString()}`);
  await expect(page.getByTestId('ready')).toHaveText('3 of 3 ready');
  return intent;
}

const paymentFrame = (page: Page) =>
  page.frameLocator('iframe[title="Secure payment input frame"]');
const addressFrame = (page: Page) =>
  page.frameLocator('iframe[title="Secure address input frame"]');

async function readJson(page: Page, name: string): Promise<unknown> {
  const text = await page.getByRole('status', { name }).textContent();
  return text ? (JSON.parse(text) as unknown) : null;
}

/** The last Address Element change event @stripe/react-stripe-js handed to onChange. */
async function lastAddressChange(page: Page) {
  return (await readJson(page, 'Last address change')) as StripeAddressElementChangeEvent | null;
}

/** What the Address Element's getValue() resolved, read with the harness's button. */
async function readAddress(page: Page) {
  const reads = page.getByRole('status', { name: 'Address reads' });
  const before = Number(await reads.textContent());
  await page.getByRole('button', { name: 'Read address' }).click();
  await expect(reads).toHaveText(String(before + 1));
  return readJson(page, 'Address value');
}

async function addressChangeCount(page: Page): Promise<number> {
  return Number(await page.getByRole('status', { name: 'Address change events' }).textContent());
}

test.describe('updating the total in place with the Stripe.js stand-in', () => {
  test('fetchUpdates() makes the Payment Element show and confirm an amount changed on the server', async ({
    page,
  }) => {
    const intent = await openCheckout(page);
    const card = paymentFrame(page);
    await expect(card.getByText('Amount to pay: $42.50')).toBeVisible();

    await stripe.paymentIntents.update(intent.id, { amount: 5190 });
    // Elements knows nothing of the change until it fetches it.
    await expect(card.getByText('Amount to pay: $42.50')).toBeVisible();
    await page.getByRole('button', { name: 'Fetch updates' }).click();
    await expect(page.getByRole('status', { name: 'Fetch updates result' })).toHaveText(
      'Updates fetched.',
    );
    await expect(card.getByText('Amount to pay: $51.90')).toBeVisible();

    await fillShopper(page);
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();

    const paid = await stripe.paymentIntents.retrieve(intent.id);
    expect(paid).toMatchObject({ status: 'succeeded', amount: 5190, amount_received: 5190 });
    const charges = await stripe.charges.list({ payment_intent: intent.id });
    expect(charges.data.map((charge) => charge.amount)).toEqual([5190]);
  });

  test('fetchUpdates() resolves an error for an intent the Payment Element can no longer use', async ({
    page,
  }) => {
    const intent = await openCheckout(page);
    await stripe.paymentIntents.cancel(intent.id);
    await page.getByRole('button', { name: 'Fetch updates' }).click();
    await expect(page.getByRole('status', { name: 'Fetch updates result' })).toHaveText(
      'Could not fetch updates: This PaymentIntent has a status of canceled and cannot be used with the Payment Element.',
    );
  });

  test('Address Element change events carry the address, and complete turns true when the required fields are filled', async ({
    page,
  }) => {
    await openCheckout(page);
    const address = addressFrame(page);

    // getValue() validates: the error shows by its field.
    expect(await readAddress(page)).toMatchObject({ complete: false, isNewAddress: true });
    await expect(address.getByText('Your address is incomplete.')).toBeVisible();

    const before = await addressChangeCount(page);
    await address.getByLabel('Full name').fill('Ada Reader');
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({ empty: false, complete: false, value: { name: 'Ada Reader' } });
    await address.getByLabel('Address line 1').fill('1 Library Way');
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({ value: { address: { line1: '1 Library Way' } } });
    // One event per edit: leaving a field that did not change again sends nothing.
    expect(await addressChangeCount(page)).toBe(before + 2);

    await address.getByLabel('City').fill('Springfield');
    await address.getByLabel('State').fill('IL');
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({ complete: false, value: { address: { state: 'IL' } } });
    await address.getByLabel('ZIP').fill('62701');
    await expect.poll(() => lastAddressChange(page)).toMatchObject({ complete: true });

    const complete = await lastAddressChange(page);
    expect(complete).toEqual({
      elementType: 'address',
      elementMode: 'shipping',
      empty: false,
      complete: true,
      isNewAddress: true,
      value: {
        name: 'Ada Reader',
        address: {
          line1: '1 Library Way',
          line2: null,
          city: 'Springfield',
          state: 'IL',
          postal_code: '62701',
          country: 'US',
        },
      },
    });

    expect(await readAddress(page)).toEqual({
      complete: true,
      isNewAddress: true,
      value: complete?.value,
    });

    // Emptying a required field makes the address incomplete again.
    await address.getByLabel('City').fill('');
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({ complete: false, value: { address: { city: '' } } });
    await address.getByLabel('City').fill('Springfield');
    await address.getByLabel('Country or region').selectOption('CA');
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({ value: { address: { country: 'CA' } } });
  });

  test('allowedCountries limits the country select and defaults to the first', async ({ page }) => {
    await openCheckout(page, { allowed_countries: 'GB,IE,FR' });
    const country = addressFrame(page).getByRole('combobox', { name: 'Country or region' });
    await expect(country.getByRole('option')).toHaveText(['United Kingdom', 'Ireland', 'France']);
    await expect(country).toHaveValue('GB');
    expect(await readAddress(page)).toMatchObject({ value: { address: { country: 'GB' } } });

    const address = addressFrame(page);
    await address.getByLabel('Full name').fill('Ada Reader');
    await address.getByLabel('Address line 1').fill('221B Baker Street');
    await address.getByLabel('City').fill('London');
    await address.getByLabel('ZIP').fill('NW1 6XE');
    // Outside the US the state is not required.
    await expect
      .poll(() => lastAddressChange(page))
      .toMatchObject({
        complete: true,
        value: { address: { country: 'GB', state: '', postal_code: 'NW1 6XE' } },
      });
  });

  test('defaultValues fill the Address Element, within allowedCountries', async ({ page }) => {
    await openCheckout(page, {
      allowed_countries: 'GB,IE,FR',
      default_country: 'IE',
      default_name: 'Ada Reader',
    });
    const address = addressFrame(page);
    await expect(address.getByRole('combobox', { name: 'Country or region' })).toHaveValue('IE');
    await expect(address.getByLabel('Full name')).toHaveValue('Ada Reader');
    expect(await readAddress(page)).toMatchObject({
      complete: false,
      value: { name: 'Ada Reader', address: { country: 'IE', line1: '' } },
    });
  });
});
