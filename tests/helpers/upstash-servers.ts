import { MemoryBackend } from '@/emulators/upstash/memory-backend';
import { RedisBackend } from '@/emulators/upstash/redis-backend';
import { startUpstashServer, type RunningUpstashServer } from '@/emulators/upstash/server';
import { createStoreClient } from '@/lib/store/store-client';
import { startRedisServer, type RedisServer } from './redis-server';

export const TEST_TOKEN = 'test-upstash-token';

export type StoreBackendUnderTest = {
  upstash: RunningUpstashServer;
  redis?: RedisServer;
  stop: () => Promise<void>;
};

export async function startMemoryStore(file?: string): Promise<StoreBackendUnderTest> {
  const upstash = await startUpstashServer({
    backend: new MemoryBackend({ file }),
    token: TEST_TOKEN,
  });
  return { upstash, stop: () => upstash.close() };
}

export async function startRedisStore(): Promise<StoreBackendUnderTest> {
  const redis = await startRedisServer();
  const upstash = await startUpstashServer({
    backend: new RedisBackend(redis.url),
    token: TEST_TOKEN,
  });
  return {
    upstash,
    redis,
    stop: async () => {
      await upstash.close();
      await redis.stop();
    },
  };
}

export const STORE_BACKENDS = [
  ['in-memory', () => startMemoryStore()],
  ['redis-server', startRedisStore],
] as const;

/**
 * The in-memory emulator runs Lua one script at a time: fifty racing checkouts
 * queue behind each other far longer than production's outage timeout.
 */
export const RACING_STORE_TIMEOUT_MS = 5_000;

export function clientFor(server: { url: string }, timeoutMs?: number) {
  return createStoreClient({ url: server.url, token: TEST_TOKEN, timeoutMs });
}
