import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/absolute-url';

/** Paths that are per shopper or for operators: nothing there is worth indexing. */
const PRIVATE_PATHS = ['/admin', '/api', '/cart', '/checkout', '/orders'];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: PRIVATE_PATHS },
    sitemap: absoluteUrl('/sitemap.xml'),
  };
}
