import { percentile } from './percentile';

export type LoopResult = { perSecond: number; p50: number; p99: number; errors: number };

/**
 * `concurrency` callers each run `op` back to back for `seconds`: throughput
 * and latency of the operations that succeeded, and how many threw.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoopResult> {
  const durations: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await op(next++);
          durations.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  durations.sort((a, b) => a - b);
  return {
    perSecond: durations.length / seconds,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
    errors,
  };
}
