import 'server-only';
import type { Redis } from '@upstash/redis';
import { after } from 'next/server';
import type Stripe from 'stripe';
import { getEnv } from '../env';
import { jobDeps } from '../jobs/job-deps';
import { runJob } from '../jobs/run-jobs';
import { getLogger, type Logger } from '../log/logger';
import { getStore } from '../store/store-client';
import { getStripe } from '../stripe/stripe-server';

/** What checkout talks to; tests pass their own. */
export type CheckoutDeps = {
  store: Redis;
  stripe: Stripe;
  secret: string;
  log: Logger;
  /** Starts jobs just created (after the response, on a server); the sweeper runs any it misses. */
  startJobs?: (jobIds: string[]) => void;
};

/** The real dependencies; `log` carries the request's id when there is a request. */
export function checkoutDeps(log: Logger = getLogger()): CheckoutDeps {
  return {
    store: getStore(),
    stripe: getStripe(),
    secret: getEnv().sessionPassword,
    log,
    startJobs: (jobIds) =>
      after(async () => {
        const deps = jobDeps(log);
        await Promise.all(jobIds.map((id) => runJob(deps, id)));
      }),
  };
}
