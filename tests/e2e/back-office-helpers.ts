import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E_MAIL_INBOX } from '../e2e-env';
import { bookCard, cartLink, expect } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

export type InboxMessage = {
  ID: string;
  Subject: string;
  Created: string;
  To: Array<{ Address: string }>;
};

export async function inboxFor(address: string): Promise<InboxMessage[]> {
  const query = new URLSearchParams({ query: `to:${address}`, limit: '50' });
  const response = await fetch(`${E2E_MAIL_INBOX}/api/v1/search?${query}`);
  const { messages } = (await response.json()) as { messages: InboxMessage[] };
  return messages.filter((m) => m.To.some((to) => to.Address === address));
}

export async function messageText(id: string): Promise<string> {
  const response = await fetch(`${E2E_MAIL_INBOX}/api/v1/message/${id}`);
  return ((await response.json()) as { Text: string }).Text;
}

/** A shopper of their own (a fresh address) buys Dracula; returns the order id. */
export async function buyDracula(page: Page): Promise<{ orderId: string; email: string }> {
  const email = `reader-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto('/');
  await bookCard(page, 'Dracula').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/checkout');
  await fillShopper(page, email);
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  return { orderId: new URL(page.url()).pathname.split('/').pop()!, email };
}

/** Asks for a sign-in link for `address` and returns it from the local inbox. */
export async function requestSignInLink(page: Page, address: string): Promise<string> {
  const before = new Set((await inboxFor(address)).map((m) => m.ID));
  await page.goto('/admin/sign-in');
  await page.getByLabel('Email address').fill(address);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const fresh = (await inboxFor(address)).find((m) => !before.has(m.ID));
        if (!fresh) return undefined;
        link = (await messageText(fresh.ID)).match(
          /http:\/\/127\.0\.0\.1:\d+\/admin\/sign-in\/confirm\?token=[\w-]+/,
        )?.[0];
        return link;
      },
      { timeout: 10_000 },
    )
    .toBeDefined();
  return link!;
}

export async function signIn(page: Page, address: string): Promise<string> {
  const link = await requestSignInLink(page, address);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  return link;
}
