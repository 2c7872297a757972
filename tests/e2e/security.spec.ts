import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_SECRETS } from '../e2e-env';
import { bookCard, cartLink, expect, test } from './fixtures';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no secret reaches the browser bundles', () => {
  const files = filesUnder(join(process.cwd(), '.next', 'static'));
  expect(files.length).toBeGreaterThan(10);
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [name, value] of Object.entries(E2E_SECRETS)) {
      if (text.includes(value)) leaks.push(`${name} in ${file}`);
    }
    if (/\b(sk|rk)_(test|live)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}/.test(text))
      leaks.push(`key-like string in ${file}`);
  }
  expect(leaks).toEqual([]);
});

test('every page sends the security headers', async ({ request }) => {
  for (const path of ['/', '/books/emma', '/cart', '/checkout', '/orders', '/api/cart']) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toContain('https://js.stripe.com');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});

test('checkout runs without any Content-Security-Policy violation', async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto('/');
  await bookCard(page, 'Emma').getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page, 1)).toBeVisible();
  await page.goto('/checkout');
  await expect(
    page.frameLocator('iframe[title="Secure payment input frame"]').getByLabel('Card number'),
  ).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  ).toEqual([]);
});

test('the health check answers 200 with what it checked, and nothing secret', async ({
  request,
}) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ status: 'ok', checks: { store: 'ok', stripe: 'ok' } });
  expect(text).not.toMatch(/sk_|whsec_|token|password/i);
});
