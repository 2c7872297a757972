/**
 * Lower case without diacritics, so "Brontë", "BRONTE" and "bronte" are one
 * word to search and to URLs alike: shoppers rarely type the accents.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A URL-safe key for a name: "Charlotte Brontë" → "charlotte-bronte". */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
