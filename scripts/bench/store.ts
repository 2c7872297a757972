import type { Redis } from '@upstash/redis';
import { percentile } from './percentile';
import { MemoryBackend } from '../../emulators/upstash/memory-backend';
import { RedisBackend } from '../../emulators/upstash/redis-backend';
import { startUpstashServer } from '../../emulators/upstash/server';
import { createStoreClient } from '../../lib/store/store-client';
import { startRedisServer } from '../../tests/helpers/redis-server';

export type StoreBenchRow = {
  backend: string;
  operation: string;
  commandsPerSecond: number;
  p50: number;
  p99: number;
};

const TOKEN = 'bench-token';
const CONCURRENCY = 8;
/** A rate limiter's step: count a hit and keep the counter for its window. */
const COUNTER_SCRIPT = `local n = redis.call('incr', KEYS[1])
redis.call('pexpire', KEYS[1], ARGV[1])
return n`;

async function measure(
  store: Redis,
  backend: string,
  operation: string,
  commandsPerOp: number,
  op: (store: Redis) => Promise<unknown>,
  seconds: number,
): Promise<StoreBenchRow> {
  const durations: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await op(store);
        durations.push(performance.now() - started);
      }
    }),
  );
  durations.sort((a, b) => a - b);
  return {
    backend,
    operation,
    commandsPerSecond: (durations.length * commandsPerOp) / seconds,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
  };
}

/** GET, a 10-command pipeline and EVALSHA through @upstash/redis against both backends. */
export async function benchStore(seconds: number): Promise<StoreBenchRow[]> {
  const redis = await startRedisServer();
  const rows: StoreBenchRow[] = [];
  try {
    for (const [name, backend] of [
      ['in-memory', new MemoryBackend()],
      ['redis-server', new RedisBackend(redis.url)],
    ] as const) {
      const server = await startUpstashServer({ backend, token: TOKEN });
      try {
        const store = createStoreClient({ url: server.url, token: TOKEN });
        await store.set('bench:key', 'x'.repeat(100));
        rows.push(await measure(store, name, 'GET', 1, (s) => s.get('bench:key'), seconds));
        rows.push(
          await measure(
            store,
            name,
            'pipeline of 10',
            10,
            (s) => {
              const pipeline = s.pipeline();
              for (let i = 0; i < 5; i++) pipeline.incr(`bench:n${i}`).get('bench:key');
              return pipeline.exec();
            },
            seconds,
          ),
        );
        const sha = await store.scriptLoad(COUNTER_SCRIPT);
        rows.push(
          await measure(
            store,
            name,
            'EVALSHA',
            1,
            (s) => s.evalsha(sha, ['bench:counter'], [60_000]),
            seconds,
          ),
        );
      } finally {
        await server.close();
      }
    }
  } finally {
    await redis.stop();
  }
  return rows;
}
