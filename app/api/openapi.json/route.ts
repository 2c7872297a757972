import { buildOpenApiDocument } from '@/lib/openapi/document';

// The document depends on code only, so it is built once, at build time.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildOpenApiDocument());
}
