import type { Redis } from '@upstash/redis';
import { percentile } from './percentile';
import { forEachStoreBackend } from './store-backends';

export type StoreBenchRow = {
  backend: string;
  operation: string;
  commandsPerSecond: number;
  p50: number;
  p99: number;
};

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
  const rows: StoreBenchRow[] = [];
  await forEachStoreBackend(async (store, name) => {
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
  });
  return rows;
}
