/**
 * After the shoppers: let every webhook land and every background job run,
 * so what is checked afterwards is the final state, not a race with it.
 */
import type { Redis } from '@upstash/redis';
import { storeKeys } from '../../lib/store/store-keys';
import type { Deployment } from './cluster';
import { flushWebhooks, sweepJobs } from './control';

const SWEEP_INTERVAL_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function dueJobs(store: Redis): Promise<{ count: number; nextAt: number | null }> {
  const first = await store.zrange<string[]>(storeKeys.jobsDue, 0, 0, { withScores: true });
  return {
    count: Number(await store.zcard(storeKeys.jobsDue)),
    nextAt: first[1] === undefined ? null : Number(first[1]),
  };
}

/**
 * Resolves when no webhook is pending and no job is due or running; returns a
 * problem, or null. A job whose worker was killed mid-attempt is due again
 * only when its lease runs out, so `timeoutMs` must outlast a lease when an
 * instance was killed.
 */
export async function settle(
  store: Redis,
  at: Deployment,
  timeoutMs: number,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  if (!(await flushWebhooks(at, timeoutMs))) {
    return `webhook deliveries still pending after ${timeoutMs} ms`;
  }
  for (;;) {
    await sweepJobs(at);
    const due = await dueJobs(store);
    if (due.count === 0) return null;
    if (Date.now() > deadline) {
      const next = due.nextAt === null ? '' : `, the next due in ${due.nextAt - Date.now()} ms`;
      return `${due.count} background jobs unfinished after ${timeoutMs} ms${next}`;
    }
    await sleep(SWEEP_INTERVAL_MS);
  }
}
