import { readScalarBundle } from '@/lib/openapi/scalar-bundle';

// Read from node_modules once, at build time, and served as a static file after.
export const dynamic = 'force-static';

export async function GET() {
  return new Response(await readScalarBundle(), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      // The URL carries no version, so a Scalar upgrade reaches browsers within the hour.
      'Cache-Control': 'public, max-age=3600',
    },
  });
}
