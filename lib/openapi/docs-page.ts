/**
 * The interactive reference at /api/docs: Scalar's Next.js handler, pointed
 * at this site's document and script and at nothing of anyone else's.
 */
import 'server-only';
import { ApiReference } from '@scalar/nextjs-api-reference';
import { STORE_NAME } from '../store-settings';
import { SCALAR_BUNDLE_PATH } from './scalar-bundle';

export const OPENAPI_DOCUMENT_PATH = '/api/openapi.json';

const scalarConfiguration = {
  pageTitle: `${STORE_NAME} API reference`,
  url: OPENAPI_DOCUMENT_PATH,
  // The bundle from this site: no CDN (the CSP allows scripts from 'self' only).
  cdn: SCALAR_BUNDLE_PATH,
  // Its default fonts come from fonts.scalar.com, which font-src 'self' blocks.
  withDefaultFonts: false,
  telemetry: false,
  // The AI agent talks to Scalar's servers; the developer tools are for Scalar's own team.
  agent: { disabled: true },
  showDeveloperTools: 'never' as const,
  // Its "Open API Client" button links to Scalar's hosted client, away from this site.
  hideClientButton: true,
};

/**
 * A policy for this page alone, on top of the site's (next.config.mjs), which
 * Next applies to every response and a route cannot replace. Both must allow
 * a script, so here only the nonce'd inline script and this site's files run.
 * style-src keeps 'unsafe-inline': Scalar sets style attributes, which no nonce covers.
 */
export function docsPagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The page for one response; `nonce` must be fresh for each. */
export async function renderDocsPage(nonce: string): Promise<string> {
  const page = await ApiReference(scalarConfiguration)().text();
  if (!page.includes('<head>')) throw new Error("Scalar's page has no <head> for the policy");
  // The handler's releases for Node 20 take no nonce: its two scripts get one here.
  const html = page.replaceAll('<script', `<script nonce="${nonce}"`);
  // First in <head>: a policy in a meta element covers only what comes after it.
  const policy = `<meta http-equiv="Content-Security-Policy" content="${docsPagePolicy(nonce)}" />`;
  return html.replace('<head>', `<head>\n    ${policy}`);
}
