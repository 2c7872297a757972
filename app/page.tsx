import type { Metadata } from 'next';
import { BookGrid } from '@/components/books/book-grid';
import { listBooks } from '@/lib/catalog/catalog';

export const metadata: Metadata = {
  title: { absolute: 'Folio — classic books' },
  description: 'Browse our catalog of public-domain classics, from Austen to Kafka.',
  alternates: { canonical: '/' },
};

export default function CatalogPage() {
  return (
    <>
      <h1>Classic books</h1>
      <p className="lede">Timeless novels and stories, printed and bound with care.</p>
      <BookGrid books={listBooks()} />
    </>
  );
}
