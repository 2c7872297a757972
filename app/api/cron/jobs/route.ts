import { timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { jobDeps } from '@/lib/jobs/job-deps';
import { sweepJobs } from '@/lib/jobs/run-jobs';
import { requestLogger } from '@/lib/log/logger';
import { StoreUnavailableError } from '@/lib/store/store-client';

export const dynamic = 'force-dynamic';

function authorized(header: string | null): boolean {
  const expected = Buffer.from(`Bearer ${getEnv().cronSecret}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The job sweeper: runs every background job that is due (queued, retrying,
 * or left by a worker that stopped). The scheduler calls it with
 * `Authorization: Bearer $CRON_SECRET` (Vercel Cron does so by itself).
 */
export async function GET(request: Request) {
  if (!authorized(request.headers.get('authorization'))) {
    return Response.json({ error: { message: 'Unauthorized.' } }, { status: 401 });
  }
  try {
    return Response.json({ ran: await sweepJobs(jobDeps(requestLogger(request.headers))) });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      return Response.json({ error: { message: error.userMessage } }, { status: 503 });
    }
    throw error;
  }
}
