import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/absolute-url';
import { listBooks } from '@/lib/catalog/catalog';

// No lastModified: the catalog keeps no edit dates, and the build's time would
// claim changes that never happened.
export default function sitemap(): MetadataRoute.Sitemap {
  return [
    { url: absoluteUrl('/') },
    ...listBooks().map((book) => ({ url: absoluteUrl(`/books/${book.slug}`) })),
  ];
}
