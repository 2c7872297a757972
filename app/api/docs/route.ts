import { randomBytes } from 'node:crypto';
import { renderDocsPage } from '@/lib/openapi/docs-page';

// Each response carries a fresh nonce for its inline script.
export const dynamic = 'force-dynamic';

export async function GET() {
  const nonce = randomBytes(16).toString('base64');
  return new Response(await renderDocsPage(nonce), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
