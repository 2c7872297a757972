/**
 * Lets the bench import the storefront's `server-only` modules in plain Node.
 * The package throws unless resolved with the `react-server` condition, and
 * that condition would also swap react-dom/server (which mail rendering
 * needs) for a stub that throws; so resolve just this one package to its
 * empty module instead.
 */
import Module from 'node:module';
import { fileURLToPath } from 'node:url';

// The package exports only its entry point, so name the empty module by path.
const EMPTY = fileURLToPath(new URL('../../node_modules/server-only/empty.js', import.meta.url));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'server-only' ? EMPTY : request, ...rest);
};
