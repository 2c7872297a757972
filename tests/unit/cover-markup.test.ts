import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBooks } from '@/lib/catalog/catalog';
import { coverDataUri, coverMarkup } from '@/lib/covers/cover-markup';

const file = (coverPath: string) =>
  readFileSync(join(process.cwd(), 'public', coverPath), 'utf8').trim();

describe('coverMarkup', () => {
  it.each(listBooks().map((book) => [book.title, book.cover]))(
    "draws %s's cover hidden from assistive technology, its wrapper naming it",
    (_title, cover) => {
      const markup = coverMarkup(cover);
      expect(markup).toMatch(/^<svg aria-hidden="true" focusable="false" xmlns=/);
      expect(markup).toContain('viewBox="0 0 300 450"');
      expect(markup).not.toMatch(/\srole=|\saria-label=/);
      expect(markup.endsWith('</svg>')).toBe(true);
    },
  );

  it('refuses a path that is not one of the covers', () => {
    expect(() => coverMarkup('/covers/../../package.json')).toThrow('Not a cover');
    expect(() => coverMarkup('/favicon.svg')).toThrow('Not a cover');
  });
});

describe('coverDataUri', () => {
  it('encodes the cover file itself', () => {
    const { cover } = listBooks()[0]!;
    const uri = coverDataUri(cover);
    expect(uri.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(uri.slice('data:image/svg+xml,'.length))).toBe(file(cover));
  });
});
