/**
 * Runs background jobs: one by id right after the response that created it,
 * or every due one from the sweeper (`GET /api/cron/jobs`). Any number of
 * app instances can do both at once; the store's leases keep each attempt to
 * one worker.
 */
import 'server-only';
import { PermanentJobError } from './job-errors';
import { JOB_PAYLOADS } from './job-kinds';
import { JOB_HANDLERS, type JobDeps } from './job-handlers';
import { claimJob, finishJob, listDueJobIds, MAX_ATTEMPTS, type ClaimedJob } from './job-store';

/** Longer than any attempt may take (SMTP gives up after 10 s a step), so leases do not overlap. */
export const JOB_LEASE_MS = 60_000;

/** 5 s, 10 s, 20 s, … capped at 10 minutes: about 10 minutes in all before giving up. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** (attempt - 1), 10 * 60_000);
}

export type JobRunResult = 'succeeded' | 'retrying' | 'failed' | 'skipped';

async function attempt(deps: JobDeps, job: ClaimedJob): Promise<JobRunResult> {
  let outcome: Parameters<typeof finishJob>[2];
  try {
    const handler = JOB_HANDLERS[job.kind] as (
      deps: JobDeps,
      payload: unknown,
      jobId: string,
    ) => Promise<void>;
    await handler(deps, JOB_PAYLOADS[job.kind].parse(job.payload), job.id);
    outcome = { status: 'succeeded' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    outcome = permanent
      ? { status: 'failed', error: message }
      : { status: 'queued', error: message, runAt: deps.now() + retryDelayMs(job.attempts) };
  }
  const recorded = await finishJob(deps.store, job, outcome, deps.now());
  const fields = { jobId: job.id, kind: job.kind, attempt: job.attempts, of: MAX_ATTEMPTS };
  if (!recorded) {
    deps.log.warn({ ...fields, event: 'job.lease_lost' }, 'another worker took the job over');
    return 'skipped';
  }
  if (outcome.status === 'succeeded') deps.log.info({ ...fields, event: 'job.succeeded' });
  else
    deps.log[outcome.status === 'failed' ? 'error' : 'warn']({
      ...fields,
      event: outcome.status === 'failed' ? 'job.failed' : 'job.retrying',
      error: outcome.error,
    });
  return outcome.status === 'succeeded'
    ? 'succeeded'
    : outcome.status === 'queued'
      ? 'retrying'
      : 'failed';
}

/** Runs one job if it is due and nobody else holds it. */
export async function runJob(deps: JobDeps, id: string): Promise<JobRunResult> {
  const job = await claimJob(deps.store, id, deps.now(), JOB_LEASE_MS);
  return job ? attempt(deps, job) : 'skipped';
}

export type SweepResult = Record<JobRunResult, number>;

/**
 * Runs every due job, a few at a time, up to `limit` jobs in all, until
 * nothing is due or `budgetMs` is spent (a cron invocation has a time limit).
 */
export async function sweepJobs(
  deps: JobDeps,
  { limit = 200, concurrency = 4, budgetMs = 20_000 } = {},
): Promise<SweepResult> {
  const result: SweepResult = { succeeded: 0, retrying: 0, failed: 0, skipped: 0 };
  const deadline = deps.now() + budgetMs;
  let started = 0;
  while (started < limit && deps.now() < deadline) {
    const ids = await listDueJobIds(deps.store, deps.now(), Math.min(limit - started, 50));
    if (ids.length === 0) break;
    started += ids.length;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          result[await runJob(deps, id)] += 1;
        }
      }),
    );
    if (ids.length < 50) break;
  }
  return result;
}
