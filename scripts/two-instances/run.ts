/**
 * `npm run test:two-instances`: the store deployed as two instances on one
 * store, proven with forty concurrent shoppers, once undisturbed and once
 * with an instance SIGKILLed mid-run, on the in-memory Upstash emulator and
 * on a real redis-server. Serves the build `npm run test:e2e` made (built
 * with E2E_APP_ENV), and builds it only when there is none.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createStoreClient } from '../../lib/store/store-client';
import { startRedisServer } from '../../tests/helpers/redis-server';
import { sdkFor } from '../../tests/helpers/stripe-emulator';
import { killAllServersNow } from '../bench/next-server';
import { deploymentAt, startCluster } from './cluster';
import { formatDetails, formatTable, type Row } from './report';
import { runScenario, type ScenarioSpec } from './scenario';
import { seedStock } from './stock-check';

/**
 * Both stores at once, each deployment on its own ports (clear of the e2e
 * suite's 3100–3106 and the bench's 34xx): a receipt job held by the killed
 * instance waits out its 60-second lease, and the two waits overlap.
 */
const BACKENDS = [
  { name: 'memory', redis: false, basePort: 3200 },
  { name: 'redis-server', redis: true, basePort: 3206 },
] as const;

const SCENARIOS: ScenarioSpec[] = [
  { name: '40 shoppers', key: 'forty', killB: false, staggerMs: 0, addressPrefix: '10.20.1' },
  // Staggered, so the kill finds shoppers at every step and the last ones reach the new B.
  {
    name: 'B killed mid-run',
    key: 'killed',
    killB: true,
    staggerMs: 100,
    addressPrefix: '10.20.2',
  },
];

/** Far above a normal run (under two minutes), so only a hang trips it. */
const RUN_TIMEOUT_MS = 5 * 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** What is running now, to be stopped on success, failure or a signal. */
const stoppers = new Set<() => Promise<void>>();

async function stopAll(): Promise<void> {
  const pending = [...stoppers];
  stoppers.clear();
  const late = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
  await Promise.race([Promise.allSettled(pending.map((stop) => stop())), late]);
  killAllServersNow();
}

function abort(message: string, code: number): void {
  console.error(message);
  void stopAll().finally(() => process.exit(code));
}

function ensureBuild(): void {
  if (existsSync('.next/BUILD_ID')) return;
  console.log('No production build in .next: building it as npm run test:e2e does.');
  execSync('npx tsx scripts/build-for-e2e.ts', { stdio: 'inherit', timeout: 10 * 60_000 });
}

async function runBackend(backend: (typeof BACKENDS)[number]): Promise<Row[]> {
  const startedAt = Date.now();
  const redis = backend.redis ? await startRedisServer() : null;
  const stopRedis = async () => redis?.stop();
  stoppers.add(stopRedis);
  const at = deploymentAt(backend.basePort);
  const cluster = await startCluster(at, redis?.url ?? null);
  stoppers.add(cluster.stop);
  console.log(
    `${backend.name}: emulators and instances A and B up in ${Date.now() - startedAt} ms`,
  );
  const store = createStoreClient(at.store);
  await seedStock(store);
  const stripe = sdkFor({ port: at.ports.stripe }, { timeout: 20_000, maxNetworkRetries: 0 });
  const rows: Row[] = [];
  for (const spec of SCENARIOS) {
    const report = await runScenario(cluster, store, stripe, spec);
    rows.push({ backend: backend.name, report });
    console.log(`${backend.name}, ${spec.name}: ${report.problems.length ? 'MISMATCH' : 'ok'}`);
  }
  stoppers.delete(cluster.stop);
  await cluster.stop();
  stoppers.delete(stopRedis);
  await stopRedis();
  return rows;
}

async function main(): Promise<number> {
  ensureBuild();
  const startedAt = Date.now();
  // One deployment at a time: two of them at once on two cores starve the
  // in-memory store of CPU until its calls pass the client's timeout.
  const rows = [];
  for (const backend of BACKENDS) rows.push(...(await runBackend(backend)));
  console.log(`\n${formatTable(rows)}\n`);
  for (const line of formatDetails(rows)) console.log(line);
  console.log(`\nTotal ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  const problems = rows.flatMap(({ backend, report }) =>
    report.problems.map((problem) => `${backend}, ${report.name}: ${problem}`),
  );
  if (problems.length === 0) return 0;
  console.error(`\nTwo-instance deployment: ${problems.length} mismatches`);
  for (const problem of problems) console.error(`  - ${problem}`);
  return 1;
}

process.once('SIGINT', () => abort('Interrupted: stopping every process started.', 130));
process.once('SIGTERM', () => abort('Terminated: stopping every process started.', 143));
// Last resort for a crash: no server started here outlives this process.
process.on('exit', killAllServersNow);
setTimeout(() => abort(`Gave up after ${RUN_TIMEOUT_MS / 1000} s.`, 1), RUN_TIMEOUT_MS).unref();

main().then(
  async (code) => {
    await stopAll();
    process.exit(code);
  },
  (error: unknown) =>
    abort(
      `Two-instance run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      1,
    ),
);
