/**
 * Scalar's single-file browser build, served by this site (the machine may be
 * offline and the Content-Security-Policy allows scripts from 'self' only).
 */
import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const SCALAR_BUNDLE_PATH = '/api/docs/scalar.js';

/**
 * The UMD build: one file, no chunks loaded later, so a nonce-based policy
 * needs nothing but 'self'. The package does not export it, hence the path
 * (static, so the build traces the file into the server output).
 */
export function readScalarBundle(): Promise<string> {
  return readFile(
    path.join(process.cwd(), 'node_modules/@scalar/api-reference/dist/browser/standalone.js'),
    'utf8',
  );
}
