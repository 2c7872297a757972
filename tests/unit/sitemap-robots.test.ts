import { afterAll, describe, expect, it, vi } from 'vitest';
import robots from '@/app/robots';
import sitemap from '@/app/sitemap';
import { listBooks } from '@/lib/catalog/catalog';

const ORIGIN = 'https://shop.example.com';
vi.stubEnv('APP_URL', ORIGIN);
afterAll(() => vi.unstubAllEnvs());

describe('sitemap', () => {
  it('lists the catalog and every book page, as absolute URLs on the public origin', () => {
    const urls = sitemap().map((entry) => entry.url);
    expect(urls).toEqual([
      `${ORIGIN}/`,
      ...listBooks().map((book) => `${ORIGIN}/books/${book.slug}`),
    ]);
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe('robots', () => {
  it('lets crawlers in, keeps them out of private paths and names the sitemap', () => {
    expect(robots()).toEqual({
      rules: {
        userAgent: '*',
        allow: '/',
        disallow: ['/admin', '/api', '/cart', '/checkout', '/orders'],
      },
      sitemap: `${ORIGIN}/sitemap.xml`,
    });
  });
});
