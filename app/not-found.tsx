import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="message-page">
      <h1>Page not found</h1>
      <p>We could not find the page or book you were looking for.</p>
      <Link href="/" className="button">
        Browse the catalog
      </Link>
    </div>
  );
}
