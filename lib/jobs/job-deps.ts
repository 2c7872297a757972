import 'server-only';
import { getEnv } from '../env';
import { getMailer } from '../mail/mailer';
import { getStore } from '../store/store-client';
import type { JobDeps } from './job-handlers';

export function jobDeps(): JobDeps {
  const env = getEnv();
  return {
    store: getStore(),
    mailer: getMailer(),
    appUrl: env.appUrl,
    secret: env.sessionPassword,
    now: Date.now,
  };
}
