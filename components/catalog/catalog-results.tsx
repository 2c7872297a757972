import Link from 'next/link';
import { BookGrid } from '@/components/books/book-grid';
import type { Book } from '@/lib/catalog/book';

type Props = {
  books: readonly Book[];
  /** The count in words (lib/catalog/search-summary.ts). */
  summary: string;
  /** How many books the whole catalog has, for the way back from an empty search. */
  catalogSize: number;
};

export function CatalogResults({ books, summary, catalogSize }: Props) {
  return (
    <section className="catalog-results">
      <p className="catalog-results__count" role="status" aria-live="polite">
        {summary}
      </p>
      {books.length > 0 ? (
        <BookGrid books={books} />
      ) : (
        <p className="catalog-results__empty">
          Try fewer words or filters, or <Link href="/">browse all {catalogSize} books</Link>.
        </p>
      )}
    </section>
  );
}
