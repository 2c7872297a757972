import { E2E_MAIL_INBOX, E2E_SECRETS } from '../e2e-env';
import { bookCard, cartLink, expect, test } from './fixtures';
import { fillCard, fillShopper } from './payment-form';

type InboxMessage = { ID: string; Subject: string; To: Array<{ Address: string }> };

async function receiptFor(orderId: string): Promise<InboxMessage | undefined> {
  const response = await fetch(`${E2E_MAIL_INBOX}/api/v1/messages?limit=500`);
  const { messages } = (await response.json()) as { messages: InboxMessage[] };
  return messages.find((m) => m.Subject === `Your Folio order ${orderId}`);
}

test('a purchase mails a receipt whose link opens the order in a browser with no cookies', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await bookCard(page, 'Dracula').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/checkout');
  await fillShopper(page);
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[A-Za-z0-9]+$/);
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  const total = await page.getByTestId('order-total').textContent();

  // Sent right after the response, not by a sweep: within a few seconds.
  await expect.poll(() => receiptFor(orderId), { timeout: 5_000 }).toBeDefined();
  const receipt = (await receiptFor(orderId))!;
  expect(receipt.To).toEqual([expect.objectContaining({ Address: 'reader@example.com' })]);
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: 'Receipt sent' })).toBeVisible();

  const { Text } = (await (
    await fetch(`${E2E_MAIL_INBOX}/api/v1/message/${receipt.ID}`)
  ).json()) as {
    Text: string;
  };
  const link = Text.match(/http:\/\/127\.0\.0\.1:\d+\/orders\/ord_\w+\?token=[\w-]+/)?.[0];
  expect(link).toBeDefined();

  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    await other.goto(link!);
    await expect(other.getByRole('heading', { name: `Order ${orderId}` })).toBeVisible();
    await expect(other.getByTestId('order-total')).toHaveText(total!);
    expect(await stranger.cookies()).toEqual([]);
    await expect(other.getByRole('button')).toHaveCount(0);
    // One character off: exactly like an unknown order.
    const response = await other.goto(`${link!.slice(0, -1)}${link!.endsWith('A') ? 'B' : 'A'}`);
    expect(response?.status()).toBe(404);
  } finally {
    await stranger.close();
  }

  await page.goto(E2E_MAIL_INBOX);
  await expect(page.getByRole('link', { name: `Your Folio order ${orderId}` })).toBeVisible();
});

test('the job sweeper needs the cron secret', async ({ request }) => {
  expect((await request.get('/api/cron/jobs')).status()).toBe(401);
  const wrong = await request.get('/api/cron/jobs', { headers: { authorization: 'Bearer nope' } });
  expect(wrong.status()).toBe(401);
  const right = await request.get('/api/cron/jobs', {
    headers: { authorization: `Bearer ${E2E_SECRETS.CRON_SECRET}` },
  });
  expect(right.status()).toBe(200);
  expect(await right.json()).toMatchObject({ ran: { failed: expect.any(Number) } });
});
