import type { Book } from '@/lib/catalog/book';

type Props = {
  book: Book;
  size: 'small' | 'medium' | 'large';
  priority?: boolean;
  /** Another address for the same image, e.g. the cover inlined as a data URI. */
  src?: string;
};

const WIDTHS = { small: 64, medium: 200, large: 300 } as const;

export function BookCover({ book, size, priority = false, src = book.cover }: Props) {
  const width = WIDTHS[size];
  return (
    <img
      className={`cover cover--${size}`}
      src={src}
      alt={`Cover of ${book.title}`}
      width={width}
      height={width * 1.5}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
    />
  );
}
