import 'server-only';
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import type { Logger } from '../log/logger';

/** What refunding talks to: the checkout's dependencies and the job runner's both provide it. */
export type RefundDeps = {
  store: Redis;
  stripe: Stripe;
  log: Logger;
  /** Starts jobs just created (after the response); the sweeper runs any it misses. */
  startJobs?: (jobIds: string[]) => void;
};
