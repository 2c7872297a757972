/**
 * Applies the fix of vercel/next.js PR #97784 ("Fix no-JavaScript Server
 * Actions on partial pages", for issue #92992) to the installed next@16.4.6.
 *
 * With cacheComponents, Next resumes every request that could be a Server
 * Action from the page's cached postponed state. A JavaScript (fetch) action
 * merges that into the current page, but a native form post (JavaScript off)
 * replaces the page, and the response lacks the prerendered shell: a blank
 * page. The fix resumes only fetch actions (they carry a `Next-Action`
 * header); native posts get a full render.
 *
 * Runs from `postinstall`. It is idempotent and fails loudly when the code it
 * patches is not found, so an upgrade of `next` cannot silently drop it:
 * delete this script once the installed Next.js contains the fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const nextDir = dirname(require.resolve('next/package.json'));
const { version } = JSON.parse(readFileSync(join(nextDir, 'package.json'), 'utf8'));

const BEFORE = '(isDynamicRSCRequest || isPossibleServerAction) &&';
const AFTER =
  "(isDynamicRSCRequest || isPossibleServerAction && typeof req.headers['next-action'] === 'string') &&";

const files = [
  'dist/esm/build/templates/app-page-runtime.js',
  'dist/build/templates/app-page-runtime.js',
];

for (const file of files) {
  const path = join(nextDir, file);
  const source = readFileSync(path, 'utf8');
  if (source.includes(AFTER)) continue;
  const count = source.split(BEFORE).length - 1;
  if (count !== 1) {
    console.error(
      `scripts/patch-next.mjs: expected the code to patch exactly once in next@${version} ${file}, found it ${count} times.\n` +
        'Check whether this Next.js release fixes no-JavaScript Server Actions on partial pages (vercel/next.js#92992);\n' +
        'if so, delete scripts/patch-next.mjs and its postinstall entry.',
    );
    process.exit(1);
  }
  writeFileSync(path, source.replace(BEFORE, AFTER));
  console.log(`Patched next@${version} ${file} (no-JavaScript Server Actions on partial pages).`);
}
