import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { notFound } from 'next/navigation';
import { ImageResponse } from 'next/og';
import { findBookBySlug, listBooks } from '@/lib/catalog/catalog';
import { formatMoney } from '@/lib/money';
import { STORE_CURRENCY, STORE_NAME } from '@/lib/store-settings';

type Props = { params: Promise<{ slug: string }> };

export const alt = 'The book’s cover beside its title, author and price';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

// One image per book, drawn at build; any other slug is a 404, as for the page.
export const dynamicParams = false;

export function generateStaticParams() {
  return listBooks().map((book) => ({ slug: book.slug }));
}

// The cover's own 2:3 proportions, as large as the card allows.
const COVER = { width: 360, height: 540 };

export default async function OpenGraphImage({ params }: Props) {
  const book = findBookBySlug((await params).slug);
  if (!book) notFound();
  // Covers are the SVGs the shop shows; embedded whole so the card matches the page.
  const cover = await readFile(join(process.cwd(), 'public', book.cover));
  const coverSrc = `data:image/svg+xml;base64,${cover.toString('base64')}`;
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        gap: 64,
        padding: '45px 72px',
        background: '#fbf8f2',
        color: '#1c1a17',
      }}
    >
      <img
        src={coverSrc}
        alt=""
        width={COVER.width}
        height={COVER.height}
        style={{ boxShadow: '0 12px 32px rgba(28, 26, 23, 0.35)' }}
      />
      <div style={{ display: 'flex', flexDirection: 'column', flex: 1, gap: 20 }}>
        <div style={{ fontSize: 30, color: '#7a2e1f', letterSpacing: 2 }}>{STORE_NAME}</div>
        <div style={{ fontSize: 64, lineHeight: 1.1 }}>{book.title}</div>
        <div style={{ fontSize: 36, color: '#5d574e' }}>{`${book.author}, ${book.year}`}</div>
        <div style={{ fontSize: 52, color: '#7a2e1f', marginTop: 24 }}>
          {formatMoney({ amount: book.price, currency: STORE_CURRENCY })}
        </div>
      </div>
    </div>,
    size,
  );
}
