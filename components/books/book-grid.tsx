import type { Book } from '@/lib/catalog/book';
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
            <BookCard book={book} priority={index < EAGER_COVERS} />
          </li>
        ))}
      </ul>
    </AvailabilityProvider>
  );
}
