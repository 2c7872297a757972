import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Book } from '@/lib/catalog/book';
import { bookStructuredData } from '@/lib/catalog/book-structured-data';
import { findBookBySlug } from '@/lib/catalog/catalog';
import { jsonForScript } from '@/lib/json-for-script';

const ORIGIN = 'https://shop.example.com';
vi.stubEnv('APP_URL', ORIGIN);
afterAll(() => vi.unstubAllEnvs());

function book(slug: string): Book {
  const found = findBookBySlug(slug);
  if (!found) throw new Error(`no book ${slug}`);
  return found;
}

describe('bookStructuredData', () => {
  it('describes a catalog book as a Book and a Product with an offer', () => {
    const prideAndPrejudice = book('pride-and-prejudice');
    expect(prideAndPrejudice.price).toBe(1299);
    expect(bookStructuredData(prideAndPrejudice, 'InStock')).toEqual({
      '@context': 'https://schema.org',
      '@type': ['Book', 'Product'],
      name: 'Pride and Prejudice',
      author: { '@type': 'Person', name: 'Jane Austen' },
      datePublished: '1813',
      image: `${ORIGIN}/covers/pride-and-prejudice.svg`,
      description: prideAndPrejudice.description,
      url: `${ORIGIN}/books/pride-and-prejudice`,
      offers: {
        '@type': 'Offer',
        price: '12.99',
        priceCurrency: 'USD',
        url: `${ORIGIN}/books/pride-and-prejudice`,
        availability: 'https://schema.org/InStock',
      },
    });
  });

  it('states the availability it is given as a schema.org URL', () => {
    const emma = book('emma');
    for (const availability of ['InStock', 'LimitedAvailability', 'OutOfStock'] as const) {
      expect(bookStructuredData(emma, availability).offers.availability).toBe(
        `https://schema.org/${availability}`,
      );
    }
  });

  it('writes prices as decimal strings without floating-point noise', () => {
    const prices = { 5: '0.05', 10: '0.10', 1000: '10.00', 1899: '18.99', 100001: '1000.01' };
    for (const [amount, decimal] of Object.entries(prices)) {
      const priced = { ...book('emma'), price: Number(amount) };
      expect(bookStructuredData(priced, 'InStock').offers.price).toBe(decimal);
    }
  });

  it('cannot let a description close its script element', () => {
    const hostile = { ...book('emma'), description: 'Fine.</script><script>alert(1)</script>' };
    const text = jsonForScript(bookStructuredData(hostile, 'InStock'));
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toMatchObject({ description: hostile.description });
  });
});
