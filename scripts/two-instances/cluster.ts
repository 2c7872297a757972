/**
 * Two `next start` instances of the one e2e build on one store, one Stripe
 * emulator and one mail catcher: a deployment of two servers behind a load
 * balancer, with Stripe's webhooks going to instance A.
 */
import { connect } from 'node:net';
import { startServer, type RunningServer } from '../bench/next-server';
import { E2E_APP_ENV, E2E_SECRETS } from '../../tests/e2e-env';

export type Instance = 'A' | 'B';

const local = (port: number) => `http://127.0.0.1:${port}`;

/** Where one deployment listens: six ports from `base`. */
export function deploymentAt(base: number) {
  const ports = {
    A: base,
    B: base + 1,
    upstash: base + 2,
    stripe: base + 3,
    smtp: base + 4,
    mail: base + 5,
  };
  return {
    ports,
    A: local(ports.A),
    B: local(ports.B),
    upstash: local(ports.upstash),
    stripe: local(ports.stripe),
    mail: local(ports.mail),
    /** The store's credentials, for reading orders the way the instances write them. */
    store: { url: local(ports.upstash), token: E2E_SECRETS.UPSTASH_REDIS_REST_TOKEN },
  };
}

export type Deployment = ReturnType<typeof deploymentAt>;

const STOP_TIMEOUT_MS = 10_000;
const PORT_FREE_TIMEOUT_MS = 5_000;

function startEmulators(at: Deployment, redisUrl: string | null): Promise<RunningServer> {
  // Started in the order emulators/start.ts starts them: the mail catcher last, so once its
  // inbox answers, the Upstash and Stripe emulators are up too.
  return startServer(
    'npx',
    ['tsx', 'emulators/start.ts'],
    at.ports.mail,
    {
      UPSTASH_EMULATOR_PORT: String(at.ports.upstash),
      UPSTASH_EMULATOR_TOKEN: E2E_SECRETS.UPSTASH_REDIS_REST_TOKEN,
      UPSTASH_EMULATOR_FILE: 'none',
      // Empty means memory, even when the calling shell has a REDIS_URL.
      REDIS_URL: redisUrl ?? '',
      STRIPE_EMULATOR_PORT: String(at.ports.stripe),
      STRIPE_EMULATOR_WEBHOOK: `${at.A}/api/webhook`,
      STRIPE_WEBHOOK_SECRET: E2E_SECRETS.STRIPE_WEBHOOK_SECRET,
      MAIL_EMULATOR_SMTP_PORT: String(at.ports.smtp),
      MAIL_EMULATOR_HTTP_PORT: String(at.ports.mail),
    },
    '/livez',
  );
}

/** The e2e environment with this deployment's addresses; each instance is its own origin. */
function startInstance(at: Deployment, instance: Instance): Promise<RunningServer> {
  const port = at.ports[instance];
  return startServer(
    'npx',
    ['next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    port,
    {
      ...E2E_APP_ENV,
      UPSTASH_REDIS_REST_URL: at.upstash,
      STRIPE_API_BASE: at.stripe,
      APP_URL: at[instance],
      SMTP_URL: `smtp://127.0.0.1:${at.ports.smtp}`,
      MAIL_INBOX_URL: at.mail,
      // Two instances, two emulators and forty shoppers share two cores: a store call
      // queued behind them is slow, not down (production keeps 800 ms).
      STORE_TIMEOUT_MS: '5000',
    },
    // Ready when it reaches the store and Stripe, as a load balancer would check.
    '/api/health',
  );
}

/** Stops gracefully, or kills once that takes too long. */
async function stopServer(server: RunningServer): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
  await Promise.race([server.stop(), late]);
  clearTimeout(timer);
  await server.kill();
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The group leader exits first; its forked server may hold the port a moment longer. */
async function waitForPortFree(port: number): Promise<void> {
  const deadline = Date.now() + PORT_FREE_TIMEOUT_MS;
  while (await accepts(port)) {
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts after a SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type Cluster = {
  at: Deployment;
  /** SIGKILLs instance B's process group, then starts B again on its port. */
  killAndRestartB: () => Promise<{ killedAt: number; readyAt: number }>;
  stop: () => Promise<void>;
};

export async function startCluster(at: Deployment, redisUrl: string | null): Promise<Cluster> {
  const emulators = await startEmulators(at, redisUrl);
  const instances: Partial<Record<Instance, RunningServer>> = {};
  const stop = async () => {
    await Promise.all(
      Object.values(instances).map((server) => (server ? stopServer(server) : undefined)),
    );
    await stopServer(emulators);
  };
  const started = await Promise.allSettled([startInstance(at, 'A'), startInstance(at, 'B')]);
  if (started[0].status === 'fulfilled') instances.A = started[0].value;
  if (started[1].status === 'fulfilled') instances.B = started[1].value;
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // The one that did start must not outlive the failure.
    await stop();
    throw failed.reason;
  }
  return {
    at,
    stop,
    async killAndRestartB() {
      const killedAt = Date.now();
      await instances.B?.kill();
      instances.B = undefined;
      await waitForPortFree(at.ports.B);
      instances.B = await startInstance(at, 'B');
      return { killedAt, readyAt: Date.now() };
    },
  };
}
