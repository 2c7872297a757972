import { E2E_BASE_URL } from '../e2e-env';
import { expect, test } from './fixtures';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('the sitemap lists the catalog and every book page on the public origin', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const titleLinks = page.getByRole('article').getByRole('heading', { level: 2 }).getByRole('link');
  const bookPaths = await titleLinks.evaluateAll((links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
  expect(bookPaths).toHaveLength(32);

  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('xml');
  const locations = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    ([, location]) => location,
  );
  expect(locations.toSorted()).toEqual(
    [`${E2E_BASE_URL}/`, ...bookPaths.map((path) => `${E2E_BASE_URL}${path}`)].toSorted(),
  );
});

test('robots.txt keeps crawlers out of private paths and names the sitemap', async ({
  request,
}) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  const lines = (await response.text()).split('\n').map((line) => line.trim());
  for (const path of ['/admin', '/api', '/cart', '/checkout', '/orders']) {
    expect(lines).toContain(`Disallow: ${path}`);
  }
  expect(lines).toContain('Allow: /');
  expect(lines).toContain(`Sitemap: ${E2E_BASE_URL}/sitemap.xml`);
});

test('the catalog names its canonical URL', async ({ page }) => {
  await page.goto('/');
  const canonical = page.locator('link[rel="canonical"]');
  await expect(canonical).toHaveCount(1);
  await expect(canonical).toHaveAttribute('href', new RegExp(`^${E2E_BASE_URL}/?$`));
});

test('a book page has one canonical URL, a PNG Open Graph image and its offer as JSON-LD', async ({
  page,
  request,
}) => {
  await page.goto('/books/moby-dick');
  await expect(page.getByRole('heading', { level: 1, name: 'Moby-Dick' })).toBeVisible();
  const bookUrl = `${E2E_BASE_URL}/books/moby-dick`;

  const canonical = page.locator('link[rel="canonical"]');
  await expect(canonical).toHaveCount(1);
  await expect(canonical).toHaveAttribute('href', bookUrl);

  const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`);
  await expect(meta('og:title')).toHaveAttribute('content', 'Moby-Dick by Herman Melville');
  await expect(meta('og:description')).toHaveAttribute('content', /Ishmael/);
  await expect(meta('og:type')).toHaveAttribute('content', 'book');
  await expect(meta('og:url')).toHaveAttribute('content', bookUrl);
  await expect(meta('twitter:card')).toHaveAttribute('content', 'summary_large_image');

  const ogImage = meta('og:image');
  await expect(ogImage).toHaveCount(1);
  const imageUrl = await ogImage.getAttribute('content');
  expect(imageUrl).toMatch(new RegExp(`^${E2E_BASE_URL}/books/moby-dick/opengraph-image`));
  const image = await request.get(imageUrl ?? '');
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect((await image.body()).subarray(0, PNG_SIGNATURE.length)).toEqual(PNG_SIGNATURE);
  await expect(meta('og:image:width')).toHaveAttribute('content', '1200');
  await expect(meta('og:image:height')).toHaveAttribute('content', '630');

  const jsonLd = page.locator('script[type="application/ld+json"]');
  await expect(jsonLd).toHaveCount(1);
  const data: unknown = JSON.parse((await jsonLd.textContent()) ?? '');
  expect(data).toMatchObject({
    '@context': 'https://schema.org',
    '@type': ['Book', 'Product'],
    name: 'Moby-Dick',
    author: { '@type': 'Person', name: 'Herman Melville' },
    datePublished: '1851',
    image: `${E2E_BASE_URL}/covers/moby-dick.svg`,
    url: bookUrl,
    offers: {
      '@type': 'Offer',
      price: '18.99',
      priceCurrency: 'USD',
      url: bookUrl,
      availability: 'https://schema.org/InStock',
    },
  });
});

test('a book that is not in the catalog has no Open Graph image', async ({ request }) => {
  const response = await request.get('/books/not-a-book/opengraph-image');
  expect(response.status()).toBe(404);
});
