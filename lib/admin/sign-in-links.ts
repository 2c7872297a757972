/**
 * One-time sign-in links. The token goes only into the mail; the store keeps
 * its SHA-256 (a stolen store dump signs nobody in), for 15 minutes, and
 * taking it deletes it, so a link works once.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../env';
import { storeCall } from '../store/store-client';
import { storeKeys, TTL_SECONDS } from '../store/store-keys';

export const SIGN_IN_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function createSignInLink(store: Redis, email: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await storeCall('createSignInLink', () =>
    store.set(storeKeys.adminSignInLink(sha256Hex(token)), email, {
      ex: TTL_SECONDS.adminSignInLink,
    }),
  );
  return token;
}

/** The address the link was sent to, once; null for an unknown, used or expired token. */
export async function consumeSignInLink(store: Redis, token: unknown): Promise<string | null> {
  if (typeof token !== 'string' || !SIGN_IN_TOKEN_PATTERN.test(token)) return null;
  const email = await storeCall('consumeSignInLink', () =>
    store.getdel<string>(storeKeys.adminSignInLink(sha256Hex(token))),
  );
  return typeof email === 'string' ? email : null;
}
