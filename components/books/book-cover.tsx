import type { Book } from '@/lib/catalog/book';

type Props = {
  book: Book;
  size: 'small' | 'medium' | 'large';
  priority?: boolean;
  /** Another address for the same image, e.g. the cover inlined as a data URI. */
  src?: string;
  /** The cover's own SVG markup (lib/covers/cover-markup.ts), drawn in the page instead of loaded. */
  markup?: string;
};

const WIDTHS = { small: 64, medium: 200, large: 300 } as const;

export function BookCover({ book, size, priority = false, src = book.cover, markup }: Props) {
  const className = `cover cover--${size}`;
  const alt = `Cover of ${book.title}`;
  if (markup !== undefined)
    return (
      <div
        className={className}
        role="img"
        aria-label={alt}
        // The markup is one of the shop's own cover files, read at build time.
        dangerouslySetInnerHTML={{ __html: markup }}
      />
    );
  const width = WIDTHS[size];
  return (
    <img
      className={className}
      src={src}
      alt={alt}
      width={width}
      height={width * 1.5}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
    />
  );
}
