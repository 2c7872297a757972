import 'server-only';
import { getEnv } from '../env';
import { getLogger, type Logger } from '../log/logger';
import { getMailer } from '../mail/mailer';
import { getStore } from '../store/store-client';
import { getStripe } from '../stripe/stripe-server';
import type { JobDeps } from './job-handlers';

export function jobDeps(log: Logger = getLogger()): JobDeps {
  const env = getEnv();
  return {
    store: getStore(),
    stripe: getStripe(),
    mailer: getMailer(),
    appUrl: env.appUrl,
    secret: env.sessionPassword,
    log,
    now: Date.now,
  };
}
