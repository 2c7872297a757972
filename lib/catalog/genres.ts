/** The shelves a book can be on; each book names one to three of them. */
export const GENRES = [
  'Adventure',
  "Children's",
  'Coming of age',
  'Gothic',
  'Historical',
  'Mystery',
  'Philosophical',
  'Romance',
  'Satire',
  'Science fiction',
  'Short stories',
] as const;
