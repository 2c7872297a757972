import { gzipSync } from 'node:zlib';

export type FirstLoadJs = { route: string; scripts: number; rawKiB: number; gzipKiB: number };

/** Sums the scripts a page's HTML loads (not the nomodule polyfill), gzip level 9. */
export async function measureFirstLoadJs(baseUrl: string, route: string): Promise<FirstLoadJs> {
  const html = await (await fetch(`${baseUrl}${route}`)).text();
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*>/g)) {
    const tag = match[0];
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) sources.add(src);
  }
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.byteLength;
    gzip += gzipSync(body, { level: 9 }).byteLength;
  }
  return {
    route,
    scripts: sources.size,
    rawKiB: raw / 1024,
    gzipKiB: gzip / 1024,
  };
}
