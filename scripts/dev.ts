/**
 * `npm run dev`: the storefront in development, on local stand-ins for the
 * services it cannot reach without configuration. When no Upstash URL or no
 * Stripe secret key is set (in the environment or .env files, read as Next
 * reads them), the matching emulator starts here first, unless one is
 * already listening.
 */
import { spawn } from 'node:child_process';
import { loadEnvConfig } from '@next/env';
import {
  DEFAULT_STRIPE_PORT,
  describeStripe,
  startStripeFromEnv,
} from '../emulators/stripe/start-from-env';
import {
  DEFAULT_MAIL_HTTP_PORT,
  describeMail,
  startMailFromEnv,
} from '../emulators/mail/start-from-env';
import { DEFAULT_UPSTASH_PORT, startUpstashFromEnv } from '../emulators/upstash/start-from-env';
import { DEV_CRON_SECRET } from '../lib/dev-defaults';

/** How often the dev server's job sweeper is called, as a cron schedule would in production. */
const SWEEP_EVERY_MS = 5_000;

type Stoppable = { close: () => Promise<void> };

async function isListening(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(500) })).ok;
  } catch {
    return false;
  }
}

/** The dev server's origin, on the port `next dev` was given (default 3000). */
function devOrigin(): string {
  const args = process.argv.slice(2);
  const flag = args.findIndex((arg) => arg === '-p' || arg === '--port');
  const port = (flag >= 0 ? args[flag + 1] : undefined) ?? process.env.PORT ?? '3000';
  return `http://127.0.0.1:${port}`;
}

/** Calls the job sweeper every few seconds, quietly while the dev server is still starting. */
function sweepJobsPeriodically(): NodeJS.Timeout {
  const secret = process.env.CRON_SECRET || DEV_CRON_SECRET;
  return setInterval(() => {
    fetch(`${devOrigin()}/api/cron/jobs`, {
      headers: { authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(SWEEP_EVERY_MS * 4),
    }).catch(() => undefined);
  }, SWEEP_EVERY_MS);
}

async function main() {
  loadEnvConfig(process.cwd(), true);
  const started: Stoppable[] = [];

  if (!process.env.UPSTASH_REDIS_REST_URL && !process.env.KV_REST_API_URL) {
    const url = `http://127.0.0.1:${DEFAULT_UPSTASH_PORT}`;
    if (await isListening(url)) {
      console.log(`Using the Upstash emulator already running on ${url}`);
    } else {
      const upstash = await startUpstashFromEnv();
      started.push(upstash);
      console.log(`Upstash emulator on ${upstash.url} over ${upstash.backend.description}`);
    }
  }

  if (!process.env.STRIPE_SECRET_KEY) {
    const url = `http://127.0.0.1:${DEFAULT_STRIPE_PORT}`;
    if (await isListening(`${url}/v3`)) {
      console.log(`Using the Stripe emulator already running on ${url}`);
    } else {
      const stripe = await startStripeFromEnv({
        ...process.env,
        STRIPE_EMULATOR_WEBHOOK:
          process.env.STRIPE_EMULATOR_WEBHOOK || `${devOrigin()}/api/webhook`,
      });
      started.push(stripe);
      console.log(describeStripe(stripe));
    }
  }

  if (!process.env.SMTP_URL) {
    const url = `http://127.0.0.1:${DEFAULT_MAIL_HTTP_PORT}`;
    if (await isListening(`${url}/api/v1/messages`)) {
      console.log(`Using the mail catcher already running on ${url}`);
    } else {
      const mail = await startMailFromEnv();
      started.push(mail);
      console.log(describeMail(mail));
    }
  }

  const next = spawn('npx', ['next', 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
  const sweeper = sweepJobsPeriodically();
  const stop = async (code: number) => {
    clearInterval(sweeper);
    for (const server of started) await server.close();
    process.exit(code);
  };
  next.on('exit', (code) => void stop(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => next.kill(signal));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
