/**
 * The operator API's keys. Keys are long random strings, so a fast hash is
 * enough; digests are compared in constant time. Failures count against the
 * client's address, so keys cannot be guessed at speed.
 */
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { getEnv, sha256Hex } from '../env';
import { jsonError } from '../http/json-api';
import { clientAddress } from '../http/client-address';
import { hitRateLimit, remainingRateLimit } from '../store/rate-limit';
import { getStore } from '../store/store-client';

export const API_KEY_FAILURES = { scope: 'admin-api-fail', limit: 10, windowSeconds: 600 };

function matchesAny(digest: string, digests: string[]): boolean {
  const given = Buffer.from(digest, 'hex');
  let found = false;
  for (const candidate of digests) {
    const expected = Buffer.from(candidate, 'hex');
    // Every digest is compared, so the time taken does not tell which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = true;
  }
  return found;
}

export type ApiCaller = { actor: string };

/** The caller, or the response to send: 401 without detail, 429 after repeated failures. */
export async function authenticateApiCall(
  request: Request,
): Promise<{ ok: true; caller: ApiCaller } | { ok: false; response: Response }> {
  const env = getEnv();
  // Without a trusted proxy no address is known; a shared bucket would let one bad caller
  // lock out every key, and keys are 256-bit random strings that cannot be guessed anyway.
  const client = clientAddress(request.headers, env.trustProxy);
  const store = getStore();
  if (client && (await remainingRateLimit(store, API_KEY_FAILURES, client)) <= 0) {
    return { ok: false, response: jsonError(429, 'Too many failed attempts; try again later.') };
  }
  const header = request.headers.get('authorization') ?? '';
  const key = /^Bearer ([\x21-\x7e]{16,200})$/.exec(header)?.[1];
  const digest = key ? sha256Hex(key) : null;
  if (!digest || !matchesAny(digest, env.admin.apiKeyDigests)) {
    if (client) await hitRateLimit(store, API_KEY_FAILURES, client);
    const response = jsonError(401, 'Unauthorized.');
    response.headers.set('WWW-Authenticate', 'Bearer');
    return { ok: false, response };
  }
  return { ok: true, caller: { actor: `api:${digest.slice(0, 8)}` } };
}
