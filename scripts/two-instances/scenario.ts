/** One scenario: forty shoppers against both instances, then the final state checked. */
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import { JOB_LEASE_MS } from '../../lib/jobs/run-jobs';
import { checkScenario, type Counts } from './assertions';
import { checkStockMoves, readStock } from './stock-check';
import type { Cluster } from './cluster';
import { listIntents } from './control';
import { settle } from './settle';
import { shop, type ShopperOutcome, type ShopperPlan } from './shopper';

export const SHOPPERS = 40;
const KILL_AFTER_PAYMENTS = 10;
const SHOPPING_TIMEOUT_MS = 90_000;
const SETTLE_TIMEOUT_MS = 30_000;

export type ScenarioSpec = {
  name: string;
  /** Part of each shopper's email, so receipts of different scenarios never mix. */
  key: string;
  /** SIGKILL instance B once this many shoppers have paid, then start it again. */
  killB: boolean;
  /** Between shoppers' starts, so a kill finds shoppers at every step. */
  staggerMs: number;
  /** Three octets; each shopper adds one, and no two shoppers of a run share an address. */
  addressPrefix: string;
};

export type ScenarioReport = {
  name: string;
  counts: Counts;
  shopMs: number;
  wallMs: number;
  /** Why requests were retried, and how often. */
  retries: Map<string, number>;
  notes: string[];
  problems: string[];
};

const bookId = (n: number) => `b${String((n % 32) + 1).padStart(2, '0')}`;

function plansFor(spec: ScenarioSpec): ShopperPlan[] {
  return Array.from({ length: SHOPPERS }, (_, index): ShopperPlan => ({
    index,
    // Alternating where shoppers start, so each instance fills carts and returns payers.
    startOn: index % 2 === 0 ? 'A' : 'B',
    address: `${spec.addressPrefix}.${index + 1}`,
    email: `shopper${index}.${spec.key}@folio.test`,
    items: {
      [bookId(index)]: { quantity: 1 + (index % 3) },
      [bookId(index + 11)]: { quantity: 1 },
    },
  }));
}

export async function runScenario(
  cluster: Cluster,
  store: Redis,
  stripe: Stripe,
  spec: ScenarioSpec,
): Promise<ScenarioReport> {
  const startedAt = Date.now();
  const before = new Set((await listIntents(cluster.at)).map((intent) => intent.id));
  const stockBefore = await readStock(store);
  const problems: string[] = [];
  const notes: string[] = [];
  const retries = new Map<string, number>();
  let payments = 0;
  // Set from a callback, so kept in an object rather than narrowed as a local.
  const kill: { restart?: Promise<void> } = {};

  const env = {
    at: cluster.at,
    stripe,
    failover: spec.killB,
    deadline: startedAt + SHOPPING_TIMEOUT_MS,
    onRetry: (reason: string) => retries.set(reason, (retries.get(reason) ?? 0) + 1),
    onConfirmed: () => {
      payments++;
      if (!spec.killB || kill.restart || payments < KILL_AFTER_PAYMENTS) return;
      const paidBefore = payments;
      kill.restart = cluster.killAndRestartB().then(
        ({ killedAt, readyAt }) =>
          void notes.push(
            `B SIGKILLed after ${paidBefore} payments, ${killedAt - startedAt} ms in; serving again ${readyAt - killedAt} ms later`,
          ),
        (error: unknown) => void problems.push(`restarting B failed: ${String(error)}`),
      );
    },
  };

  const settled = await Promise.allSettled(
    plansFor(spec).map(async (plan) => {
      await new Promise((resolve) => setTimeout(resolve, plan.index * spec.staggerMs));
      return shop(plan, env);
    }),
  );
  await kill.restart;
  if (spec.killB && !kill.restart)
    problems.push(`fewer than ${KILL_AFTER_PAYMENTS} paid: B was never killed`);
  const outcomes: ShopperOutcome[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') outcomes.push(result.value);
    else
      problems.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
  }
  const shopMs = Date.now() - startedAt;
  const took = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  if (took.length > 0) {
    const median = took[Math.floor(took.length / 2)]!;
    notes.push(`a shopper took ${median} ms (median), ${took.at(-1)!} ms at most`);
  }

  // A job held by a killed worker is due again only once its lease runs out.
  const unsettled = await settle(
    store,
    cluster.at,
    spec.killB ? JOB_LEASE_MS + SETTLE_TIMEOUT_MS : SETTLE_TIMEOUT_MS,
  );
  if (unsettled) problems.push(unsettled);
  const newIntents = (await listIntents(cluster.at)).filter((intent) => !before.has(intent.id));
  const checked = await checkScenario(
    store,
    cluster.at,
    SHOPPERS,
    outcomes,
    newIntents,
    spec.killB,
  );
  const stockProblems = await checkStockMoves(store, stockBefore, newIntents);
  return {
    name: spec.name,
    counts: checked.counts,
    shopMs,
    wallMs: Date.now() - startedAt,
    retries,
    notes,
    problems: [...problems, ...checked.problems, ...stockProblems],
  };
}
