import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cover from public/ as a data URI, read while the page is built. Inlined,
 * the book page's largest paint waits for no request of its own (a cover is
 * under a kilobyte, smaller than the request's round trip would cost).
 */
export function coverDataUri(coverPath: string): string {
  if (!/^\/covers\/[a-z0-9-]+\.svg$/.test(coverPath)) throw new Error(`Not a cover: ${coverPath}`);
  const svg = readFileSync(join(process.cwd(), 'public', coverPath), 'utf8');
  return `data:image/svg+xml,${encodeURIComponent(svg.trim())}`;
}
