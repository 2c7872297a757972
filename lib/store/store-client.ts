import 'server-only';
import { errors, Redis } from '@upstash/redis';
import { getEnv } from '../env';

/** A request to the store that takes longer than this counts as the store being down. */
export const STORE_TIMEOUT_MS = 800;

/**
 * The store cannot be reached (down, timing out, refusing our token). Pages
 * show `userMessage`; nothing was half-written, because each repository
 * write is a single command or transaction.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  readonly userMessage =
    'Our store is temporarily unavailable, and nothing was charged. Please try again in a moment.';
}

export type StoreConfig = {
  url: string;
  token: string;
  /** Tests and benchmarks that load the in-memory emulator past production rates wait longer. */
  timeoutMs?: number;
};

export function createStoreClient({
  url,
  token,
  timeoutMs = STORE_TIMEOUT_MS,
}: StoreConfig): Redis {
  return new Redis({
    url,
    token,
    // The client's default retries wait several seconds on a dead store.
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(timeoutMs),
    // Repositories parse what they read themselves.
    automaticDeserialization: false,
    enableTelemetry: false,
  });
}

let client: Redis | undefined;

export function getStore(): Redis {
  client ??= createStoreClient(getEnv().store);
  return client;
}

/** Redis's own error replies (a bug here, not an outage) start with these. */
const COMMAND_ERROR = /^(Command (\d+ \[ \w+ \] )?failed: )?(ERR|WRONGTYPE|EXECABORT|NOSCRIPT) /;

/** Runs a store call, turning any failure to reach the store into StoreUnavailableError. */
export async function storeCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof errors.UpstashError && COMMAND_ERROR.test(error.message)) throw error;
    throw new StoreUnavailableError(`Store unavailable during ${operation}`, { cause: error });
  }
}
