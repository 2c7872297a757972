/**
 * Durable background jobs in the store. A job is a hash `folio:job:{id}`;
 * the sorted set `folio:jobs:due` holds every unfinished job, scored by when
 * it may next run. Claiming a job pushes its score past a lease, so a worker
 * that dies mid-job only delays it: once the lease runs out, any instance's
 * sweeper claims it again. Every step is one Lua script, so two workers can
 * never both hold a job, and a worker whose lease ran out cannot overwrite
 * the outcome of the one that took over.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { storeCall } from '../store/store-client';
import { storeKeys } from '../store/store-keys';
import { storeScript } from '../store/store-scripts';
import { JOB_PAYLOADS, type JobKind, type JobSpec } from './job-kinds';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const MAX_ATTEMPTS = 8;

const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(Object.keys(JOB_PAYLOADS) as [JobKind, ...JobKind[]]),
  payload: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.coerce.number().int(),
  maxAttempts: z.coerce.number().int(),
  createdAt: z.coerce.number(),
  updatedAt: z.coerce.number(),
  lastError: z.string().optional(),
  lease: z.string().optional(),
});

export type Job = Omit<z.infer<typeof jobSchema>, 'payload' | 'lease'> & { payload: unknown };
export type ClaimedJob = Job & { lease: string };

/**
 * Creates a job unless one with its id exists; used on its own and inside
 * other scripts (an order's move to paid creates its receipt job in the same
 * step). Expects the job's key and the due set in `jobKey` / `dueKey`, and
 * ARGV from `jobArgs` starting at `base`.
 */
export const ENQUEUE_LUA = `
local function enqueue(jobKey, dueKey, base)
  if redis.call('EXISTS', jobKey) == 1 then return 0 end
  local now = ARGV[base + 4]
  redis.call('HSET', jobKey, 'id', ARGV[base], 'kind', ARGV[base + 1], 'payload', ARGV[base + 2],
    'status', 'queued', 'attempts', '0', 'maxAttempts', ARGV[base + 3],
    'createdAt', now, 'updatedAt', now)
  redis.call('ZADD', dueKey, now, ARGV[base])
  return 1
end
`;

/** The keys and arguments ENQUEUE_LUA reads for one job (5 arguments). */
export function jobArgs(job: JobSpec, now: number) {
  JOB_PAYLOADS[job.kind].parse(job.payload);
  return {
    keys: [storeKeys.job(job.id), storeKeys.jobsDue],
    args: [job.id, job.kind, JSON.stringify(job.payload), String(MAX_ATTEMPTS), String(now)],
  };
}

const ENQUEUE = `${ENQUEUE_LUA}
return enqueue(KEYS[1], KEYS[2], 1)`;

const CLAIM = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return false end
local status = redis.call('HGET', KEYS[2], 'status')
if status ~= 'queued' and status ~= 'running' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return false
end
local attempts = tonumber(redis.call('HGET', KEYS[2], 'attempts') or '0')
if attempts >= tonumber(redis.call('HGET', KEYS[2], 'maxAttempts') or '1') then
  redis.call('HSET', KEYS[2], 'status', 'failed', 'updatedAt', ARGV[2],
    'lastError', 'gave up: the last attempt stopped without reporting an outcome')
  redis.call('HDEL', KEYS[2], 'lease')
  redis.call('ZREM', KEYS[1], ARGV[1])
  return false
end
redis.call('HSET', KEYS[2], 'status', 'running', 'lease', ARGV[4], 'updatedAt', ARGV[2])
redis.call('HINCRBY', KEYS[2], 'attempts', 1)
redis.call('ZADD', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
return redis.call('HGETALL', KEYS[2])`;

const FINISH = `
if redis.call('HGET', KEYS[2], 'lease') ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[2], 'lease')
redis.call('HSET', KEYS[2], 'status', ARGV[3], 'updatedAt', ARGV[4], 'lastError', ARGV[6])
if ARGV[3] == 'queued' then
  redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1`;

function parseJob(reply: unknown): (Job & { lease?: string }) | null {
  if (!Array.isArray(reply) || reply.length === 0) return null;
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  const { payload, lastError, ...job } = jobSchema.parse(fields);
  return { ...job, ...(lastError ? { lastError } : {}), payload: JSON.parse(payload) as unknown };
}

/** Creates a job (true), or does nothing when one with its id exists (false). */
export async function enqueueJob(store: Redis, job: JobSpec, now = Date.now()): Promise<boolean> {
  const { keys, args } = jobArgs(job, now);
  const created = await storeCall('enqueueJob', () => storeScript(store, ENQUEUE).exec(keys, args));
  return Number(created) === 1;
}

export async function getJob(store: Redis, id: string): Promise<Job | null> {
  const job = parseJob(await storeCall('getJob', () => store.hgetall(storeKeys.job(id))));
  if (!job) return null;
  const { lease: _lease, ...rest } = job;
  return rest;
}

/** Ids of jobs due at `now`, soonest first (queued ones, and running ones whose lease ran out). */
export async function listDueJobIds(store: Redis, now: number, limit: number): Promise<string[]> {
  const ids = await storeCall('listDueJobIds', () =>
    store.zrange<string[]>(storeKeys.jobsDue, '-inf', now, {
      byScore: true,
      offset: 0,
      count: limit,
    }),
  );
  return ids.map(String);
}

/** Takes a due job for `leaseMs`; null when it is not due, finished, or another worker holds it. */
export async function claimJob(
  store: Redis,
  id: string,
  now: number,
  leaseMs: number,
): Promise<ClaimedJob | null> {
  const lease = crypto.randomUUID();
  const reply = await storeCall('claimJob', () =>
    storeScript(store, CLAIM).exec(
      [storeKeys.jobsDue, storeKeys.job(id)],
      [id, String(now), String(leaseMs), lease],
    ),
  );
  const job = parseJob(reply);
  return job ? { ...job, lease } : null;
}

export type JobOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | { status: 'queued'; error: string; runAt: number };

/** Records a claimed job's outcome; false when its lease ran out and another worker took it. */
export async function finishJob(
  store: Redis,
  job: ClaimedJob,
  outcome: JobOutcome,
  now: number,
): Promise<boolean> {
  const runAt = outcome.status === 'queued' ? outcome.runAt : 0;
  const error = outcome.status === 'succeeded' ? '' : outcome.error;
  const done = await storeCall('finishJob', () =>
    storeScript(store, FINISH).exec(
      [storeKeys.jobsDue, storeKeys.job(job.id)],
      [job.id, job.lease, outcome.status, String(now), String(runAt), error],
    ),
  );
  return Number(done) === 1;
}
