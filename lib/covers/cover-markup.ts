import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const COVER_PATH = /^\/covers\/[a-z0-9-]+\.svg$/;

function readCover(coverPath: string): string {
  if (!COVER_PATH.test(coverPath)) throw new Error(`Not a cover: ${coverPath}`);
  return readFileSync(join(process.cwd(), 'public', coverPath), 'utf8').trim();
}

/**
 * A cover from public/ as a data URI, read while the page is built. The
 * catalog inlines its first cover this way: it stays an image, so the largest
 * paint is a cover painted with the first frame, not one still loading.
 */
export function coverDataUri(coverPath: string): string {
  return `data:image/svg+xml,${encodeURIComponent(readCover(coverPath))}`;
}

/**
 * A cover's SVG markup for the page itself, read while the page is built.
 * An SVG in an <img>, even a data URI, is a document of its own that the
 * browser creates, parses and lays out before it can paint it; drawn in the
 * page, it is laid out with the rest and shows with the first frame.
 * The caller's wrapper names the image, so the drawing is hidden from assistive technology.
 */
export function coverMarkup(coverPath: string): string {
  const svg = readCover(coverPath);
  if (!svg.startsWith('<svg ')) throw new Error(`Not an SVG document: ${coverPath}`);
  return svg
    .replace(/\s(role|aria-label)="[^"]*"/g, '')
    .replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}
