import { randomUUID } from 'node:crypto';
import { E2E_ADMIN_API_KEY, E2E_OPERATORS } from '../e2e-env';
import { signIn } from './back-office-helpers';
import { expect, test } from './fixtures';

const auth = { authorization: `Bearer ${E2E_ADMIN_API_KEY}` };
const fresh = (prefix: string) => `${prefix}${randomUUID().slice(0, 6).toUpperCase()}`;

test('an operator creates a discount code in the back office, sees it and disables it', async ({
  page,
}) => {
  await signIn(page, E2E_OPERATORS.codes);
  await page.getByRole('link', { name: 'Discount codes' }).click();
  const code = fresh('WINTER');

  await page.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
  await page.getByLabel('Percentage or amount off').fill('150');
  await page.getByRole('button', { name: 'Create code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'percent_off' })).toHaveText(
    'percent_off must be a whole number from 1 to 100',
  );
  await expect(page.getByLabel('Percentage or amount off')).toHaveAttribute('aria-invalid', 'true');
  // A refusal keeps what was typed.
  await expect(page.getByLabel('Code', { exact: true })).toHaveValue(code.toLowerCase());

  await page.getByLabel('Percentage or amount off').fill('15');
  await page.getByLabel('Minimum order (USD, optional)').fill('30.00');
  await page.getByLabel('Maximum uses (optional)').fill('100');
  await page.getByLabel('Once per email address').check();
  await page.getByRole('button', { name: 'Create code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created' })).toHaveText(
    `Created ${code}: 15 % off, orders from $30.00, 100 uses, once per email.`,
  );
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('0 of 100');

  await row.getByRole('button', { name: `Disable ${code}` }).click();
  await expect(row).toContainText('Disabled');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row').filter({ hasText: `${code}: disabled` })).toHaveCount(1);
});

test('the operator API creates, lists and disables discount codes, refusing bad ones precisely', async ({
  request,
}) => {
  const code = fresh('API');
  const create = (data: unknown) =>
    request.post('/api/admin/discount-codes', { headers: auth, data });
  const refusals: Array<[unknown, string]> = [
    [{ code, percent_off: 10, amount_off: 100 }, 'percent_off'],
    [{ code, amount_off: 9.5 }, 'amount_off'],
    [{ code: 'x', percent_off: 10 }, 'code'],
    [{ code, percent_off: 10, ends_at: 'tomorrow' }, 'ends_at'],
    [
      { code, percent_off: 10, starts_at: '2027-01-02T00:00:00Z', ends_at: '2027-01-01T00:00:00Z' },
      'ends_at',
    ],
    [{ code, percent_off: 10, colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of refusals) {
    const response = await create(body);
    expect(response.status(), JSON.stringify(body)).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field } });
  }

  const created = await create({
    code: code.toLowerCase(),
    amount_off: 500,
    ends_at: '2030-01-01T00:00:00Z',
    max_redemptions: 1,
  });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({
    discount_code: {
      code,
      amount_off: 500,
      percent_off: null,
      ends_at: '2030-01-01T00:00:00.000Z',
    },
  });
  expect((await create({ code, percent_off: 5 })).status()).toBe(409);

  const listed = await request.get('/api/admin/discount-codes', { headers: auth });
  const { discount_codes } = (await listed.json()) as { discount_codes: Array<{ code: string }> };
  expect(discount_codes.map((c) => c.code)).toContain(code);

  const disabled = await request.post(`/api/admin/discount-codes/${code.toLowerCase()}/disable`, {
    headers: auth,
  });
  expect(await disabled.json()).toMatchObject({ discount_code: { code, disabled: true } });
  expect(
    (
      await request.post('/api/admin/discount-codes/NOSUCHCODE/disable', { headers: auth })
    ).status(),
  ).toBe(404);
  expect((await request.get('/api/admin/discount-codes')).status()).toBe(401);
});
