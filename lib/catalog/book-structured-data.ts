import 'server-only';
import { absoluteUrl } from '../absolute-url';
import { decimalAmount } from '../money';
import type { schemaAvailability } from '../stock/availability';
import { STORE_CURRENCY } from '../store-settings';
import type { Book } from './book';

/** schema.org's ItemAvailability values a book page can state. */
export type BookAvailability = ReturnType<typeof schemaAvailability>;

/** schema.org `Book` and `Product` in one item, as search engines read it from JSON-LD. */
export type BookStructuredData = {
  '@context': 'https://schema.org';
  '@type': readonly ['Book', 'Product'];
  name: string;
  author: { '@type': 'Person'; name: string };
  datePublished: string;
  image: string;
  description: string;
  url: string;
  offers: {
    '@type': 'Offer';
    price: string;
    priceCurrency: string;
    url: string;
    availability: `https://schema.org/${BookAvailability}`;
  };
};

/**
 * A book page's structured data. Availability is the caller's to say, as it
 * comes from the live stock count rather than the catalog; URLs are absolute
 * on the store's public origin.
 */
export function bookStructuredData(book: Book, availability: BookAvailability): BookStructuredData {
  const url = absoluteUrl(`/books/${book.slug}`);
  return {
    '@context': 'https://schema.org',
    // Both types, so the item is read as a work (author, year) and as something on sale (offers).
    '@type': ['Book', 'Product'],
    name: book.title,
    author: { '@type': 'Person', name: book.author },
    datePublished: String(book.year),
    image: absoluteUrl(book.cover),
    description: book.description,
    url,
    offers: {
      '@type': 'Offer',
      price: decimalAmount({ amount: book.price, currency: STORE_CURRENCY }),
      // schema.org takes ISO 4217 codes, which are upper case.
      priceCurrency: STORE_CURRENCY.toUpperCase(),
      url,
      availability: `https://schema.org/${availability}`,
    },
  };
}
