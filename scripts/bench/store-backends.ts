import type { Redis } from '@upstash/redis';
import { MemoryBackend } from '../../emulators/upstash/memory-backend';
import { RedisBackend } from '../../emulators/upstash/redis-backend';
import { startUpstashServer } from '../../emulators/upstash/server';
import { createStoreClient } from '../../lib/store/store-client';
import { startRedisServer } from '../../tests/helpers/redis-server';

const TOKEN = 'bench-token';

/**
 * Runs `each` against the Upstash emulator over both of its backends in
 * turn (in-memory, then a real redis-server), through @upstash/redis.
 */
export async function forEachStoreBackend(
  each: (store: Redis, backend: 'in-memory' | 'redis-server') => Promise<void>,
  timeoutMs?: number,
): Promise<void> {
  const redis = await startRedisServer();
  try {
    for (const [name, backend] of [
      ['in-memory', new MemoryBackend()],
      ['redis-server', new RedisBackend(redis.url)],
    ] as const) {
      const server = await startUpstashServer({ backend, token: TOKEN });
      try {
        await each(createStoreClient({ url: server.url, token: TOKEN, timeoutMs }), name);
      } finally {
        await server.close();
      }
    }
  } finally {
    await redis.stop();
  }
}
