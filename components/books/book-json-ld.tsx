'use client';

import type { BookStructuredData } from '@/lib/catalog/book-structured-data';
import { jsonForScript } from '@/lib/json-for-script';
import { schemaAvailability } from '@/lib/stock/availability';
import { useAvailable } from '../stock/availability-provider';

type Props = { bookId: string; data: BookStructuredData };

/**
 * The book's schema.org data for search engines; renders nothing visible.
 * The page is prerendered, so the offer's availability follows the live
 * count once it is known (crawlers that run scripts read that).
 */
export function BookJsonLd({ bookId, data }: Props) {
  const available = useAvailable(bookId);
  const live =
    available === null
      ? data
      : {
          ...data,
          offers: {
            ...data.offers,
            availability: `https://schema.org/${schemaAvailability(available)}` as const,
          },
        };
  return (
    <script
      type="application/ld+json"
      // jsonForScript escapes everything that could end the element, so catalog text stays data.
      dangerouslySetInnerHTML={{ __html: jsonForScript(live) }}
    />
  );
}
