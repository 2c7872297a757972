export type Book = {
  /** Stable id stored in carts and orders. */
  id: string;
  /** URL segment of the book page. */
  slug: string;
  title: string;
  author: string;
  /** Year of first publication. */
  year: number;
  description: string;
  /** One to three shelf names from GENRES (lib/catalog/genres.ts), the main one first. */
  genres: readonly string[];
  /** Unit price in minor units of the store currency. */
  price: number;
  /**
   * Copies a fresh store starts with; from then on the store's count, which
   * operators set, is the truth (lib/stock).
   */
  initialStock: number;
  /** Path of the cover under /public. */
  cover: string;
};
