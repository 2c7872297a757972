import 'server-only';
import type { Redis } from '@upstash/redis';
import { after } from 'next/server';
import type Stripe from 'stripe';
import { getEnv } from '../env';
import { jobDeps } from '../jobs/job-deps';
import { runJob } from '../jobs/run-jobs';
import { getStore } from '../store/store-client';
import { getStripe } from '../stripe/stripe-server';

/** What checkout talks to; tests pass their own. */
export type CheckoutDeps = {
  store: Redis;
  stripe: Stripe;
  secret: string;
  /** Starts jobs just created (after the response, on a server); the sweeper runs any it misses. */
  startJobs?: (jobIds: string[]) => void;
};

export function checkoutDeps(): CheckoutDeps {
  return {
    store: getStore(),
    stripe: getStripe(),
    secret: getEnv().sessionPassword,
    startJobs: (jobIds) =>
      after(async () => {
        const deps = jobDeps();
        await Promise.all(jobIds.map((id) => runJob(deps, id)));
      }),
  };
}
