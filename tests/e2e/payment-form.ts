import type { Page } from '@playwright/test';

/** Fills the Link Authentication and Address Elements (each in its own iframe). */
export async function fillShopper(page: Page, email = 'reader@example.com') {
  await page
    .frameLocator('iframe[title="Secure email input frame"]')
    .getByLabel('Email')
    .fill(email);
  const address = page.frameLocator('iframe[title="Secure address input frame"]');
  await address.getByLabel('Full name').fill('Ada Reader');
  await address.getByLabel('Country or region').selectOption('US');
  await address.getByLabel('Address line 1').fill('1 Library Way');
  await address.getByLabel('City').fill('Springfield');
  await address.getByLabel('State').fill('IL');
  await address.getByLabel('ZIP').fill('62701');
}

/** Types a card into the Payment Element, with a future expiry and a security code. */
export async function fillCard(page: Page, number: string) {
  const card = page.frameLocator('iframe[title="Secure payment input frame"]');
  await card.getByLabel('Card number').fill(number);
  await card.getByLabel('Expiration date').fill('12 / 34');
  await card.getByLabel('Security code').fill('123');
}
