import type { Book } from '@/lib/catalog/book';

type Props = { book: Book; size: 'small' | 'medium' | 'large'; priority?: boolean };

const WIDTHS = { small: 64, medium: 200, large: 300 } as const;

export function BookCover({ book, size, priority = false }: Props) {
  const width = WIDTHS[size];
  return (
    <img
      className={`cover cover--${size}`}
      src={book.cover}
      alt={`Cover of ${book.title}`}
      width={width}
      height={width * 1.5}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
    />
  );
}
