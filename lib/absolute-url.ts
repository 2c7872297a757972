import 'server-only';
import { publicAppUrl } from './env';

/** The store's public origin, as Next's `metadataBase` takes it. */
export function appOrigin(): URL {
  return new URL(publicAppUrl());
}

/**
 * A path of this store (`/books/emma`) as an absolute URL on its public
 * origin, for places that must not depend on the address a request came in
 * on: canonical links, the sitemap, structured data.
 */
export function absoluteUrl(path: string): string {
  // A protocol-relative or bare path would resolve against another host or directory.
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new RangeError(`Expected a path starting with one "/", got ${JSON.stringify(path)}`);
  }
  return new URL(path, appOrigin()).toString();
}
