import type { Book } from '@/lib/catalog/book';
import { coverDataUri } from '@/lib/covers/cover-markup';
import { AvailabilityProvider } from '../stock/availability-provider';
import { BookCard } from './book-card';

/** The first row's covers load eagerly: one of them is the page's largest paint. */
const EAGER_COVERS = 4;

export function BookGrid({ books }: { books: readonly Book[] }) {
  return (
    <AvailabilityProvider ids={books.map((book) => book.id)}>
      <ul className="book-grid" role="list">
        {books.map((book, index) => (
          <li key={book.id}>
            <BookCard
              book={book}
              priority={index < EAGER_COVERS}
              // Covers are all one size, so the first painted stays the largest paint: inlined,
              // it is painted with the page's first frame.
              coverSrc={index === 0 ? coverDataUri(book.cover) : undefined}
            />
          </li>
        ))}
      </ul>
    </AvailabilityProvider>
  );
}
