import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';

export type RunningServer = {
  url: string;
  /** SIGTERM to the process group; resolves when the command has exited. */
  stop: () => Promise<void>;
  /** SIGKILL to the process group, as a crash or an OOM kill would end it. */
  kill: () => Promise<void>;
};

/**
 * Every command started here, so a caller can end them all at exit. Kept after the command
 * exits: a server it forked (next start does) may still run in its process group.
 */
const started = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The whole group is gone already.
  }
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    // A command ended by a signal has a signalCode and no exitCode.
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      return resolve();
    child.once('exit', () => resolve());
    // next start forks a child server: signal the whole process group.
    signalGroup(child, signal);
  });
}

/** SIGKILLs the whole group, including what outlived the command itself. */
async function killTree(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGKILL');
  await stopTree(child, 'SIGKILL');
}

/** SIGKILLs every process group started here, synchronously: for 'exit' and signal handlers. */
export function killAllServersNow(): void {
  for (const child of started) signalGroup(child, 'SIGKILL');
}

/** Starts a command in its own process group and waits until `readyPath` answers. */
export async function startServer(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string>,
  readyPath = '/',
): Promise<RunningServer> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  started.add(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}${readyPath}`, 60_000, child);
  } catch (error) {
    // A server that never became ready must not outlive the caller.
    await killTree(child);
    throw error;
  }
  return { url, stop: () => stopTree(child), kill: () => killTree(child) };
}

/**
 * The local stand-ins in their own process: Upstash on `port`, Stripe on
 * `port + 1`, the mail catcher's SMTP on `port + 2` and its inbox on `port + 3`.
 * The Upstash emulator keeps its data in memory, or in the Redis at `redisUrl`.
 */
export function startEmulators(
  port: number,
  { redisUrl }: { redisUrl?: string } = {},
): Promise<RunningServer> {
  return startServer(
    'npx',
    ['tsx', 'emulators/start.ts'],
    port + 1,
    {
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      UPSTASH_EMULATOR_PORT: String(port),
      UPSTASH_EMULATOR_TOKEN: BENCH_UPSTASH_TOKEN,
      UPSTASH_EMULATOR_FILE: 'none',
      STRIPE_EMULATOR_PORT: String(port + 1),
      STRIPE_EMULATOR_WEBHOOK: 'off',
      MAIL_EMULATOR_SMTP_PORT: String(port + 2),
      MAIL_EMULATOR_HTTP_PORT: String(port + 3),
    },
    '/v3',
  );
}

export const BENCH_UPSTASH_TOKEN = 'bench-upstash-token';

/** What `next start` seals cookies with; the admin bench seals an operator session with it. */
export const BENCH_SESSION_PASSWORD = 'bench-only-session-password-0123456789abcdef';

/** The bench's one operator (ADMIN_EMAILS) and operator-API key (its digest is ADMIN_API_KEYS). */
export const BENCH_ADMIN = { email: 'ops@folio.bench', apiKey: 'bench-only-admin-api-key' };

/** `next start` in production mode, on emulators started at `emulatorPort` (see startEmulators). */
export function startNext(port: number, emulatorPort: number) {
  return startServer('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], port, {
    NODE_ENV: 'production',
    SESSION_PASSWORD: BENCH_SESSION_PASSWORD,
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${emulatorPort}`,
    UPSTASH_REDIS_REST_TOKEN: BENCH_UPSTASH_TOKEN,
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
    STRIPE_WEBHOOK_SECRET: 'whsec_bench',
    STRIPE_API_BASE: `http://127.0.0.1:${emulatorPort + 1}`,
    APP_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: `smtp://127.0.0.1:${emulatorPort + 2}`,
    MAIL_FROM: 'Folio <orders@folio.bench>',
    CRON_SECRET: 'bench-only-cron-secret-0123456789',
    // Production requires both (lib/env.ts); the keys are given as SHA-256 hex digests.
    ADMIN_EMAILS: BENCH_ADMIN.email,
    ADMIN_API_KEYS: createHash('sha256').update(BENCH_ADMIN.apiKey).digest('hex'),
  });
}
