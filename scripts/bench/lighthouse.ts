/**
 * Lighthouse's mobile audit (a mid-range phone on slow 4G: 150 ms round trips,
 * 1.6 Mbit/s, a 4× slower CPU) of storefront pages served by `next start`,
 * several runs per page in one headless Chromium. Scores wobble from run to
 * run on a shared machine, so the medians are what budgets are checked against.
 *
 * Lighthouse throttles in one of two ways. By default it simulates: it loads
 * the page unthrottled and estimates the timings from that load's requests and
 * main-thread work. Or it applies the same profile to the browser (`devtools`)
 * and times what happens.
 *
 * Its CPU slowdown is relative to the host: the default 4× turns a high-end
 * desktop (benchmark index 1500–2000) into a mid-tier phone, and Lighthouse
 * warns that a host at 1000 or below is too slow for it. Its throttling guide
 * has slower hosts lower the multiplier; a `calibrated` page does so, scaling
 * 4× by the host's measured index against the high-end bracket's middle, so
 * every host emulates the same phone (index ≈ 440).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from '../../tests/chromium-executable';
import { calibratedCpuSlowdown, DEFAULT_CPU_SLOWDOWN } from './cpu-slowdown';

export type LighthousePage = {
  name: string;
  path: string;
  /** Sent with every request of the run, e.g. the cart cookie for a cart with books in it. */
  cookie?: string;
  /** `simulate`, Lighthouse's default, or `devtools`: the profile applied while the page loads. */
  throttling?: 'simulate' | 'devtools';
  /** `default`, Lighthouse's 4× CPU slowdown, or `calibrated` to this host (see above). */
  cpu?: 'default' | 'calibrated';
};

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
};

export type LighthouseResult = {
  name: string;
  path: string;
  throttling: 'simulate' | 'devtools';
  cpu: 'default' | 'calibrated';
  /** The CPU slowdown multiplier the runs used. */
  cpuSlowdown: number;
  runs: LighthouseRun[];
  median: LighthouseRun;
  /** What the last run found to be the largest contentful paint. */
  lcpElement: string | null;
  /**
   * Lighthouse's measure of this machine's speed, median over the runs. The
   * simulated timings scale what this machine did by 4, so they move with it.
   */
  benchmarkIndex: number;
};

type Lhr = {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<
    string,
    {
      numericValue?: number;
      // The LCP element audit: a list whose first table names the element.
      details?: { items?: Array<{ items?: Array<{ node?: { snippet?: string } }> }> };
    }
  >;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  environment: { benchmarkIndex: number };
};

const score = (lhr: Lhr, category: string) =>
  Math.round((lhr.categories[category]?.score ?? 0) * 100);

const metric = (lhr: Lhr, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;

const CALIBRATION_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianRun(runs: LighthouseRun[]): LighthouseRun {
  const of = (key: keyof LighthouseRun) => median(runs.map((run) => run[key]));
  return {
    performance: of('performance'),
    accessibility: of('accessibility'),
    bestPractices: of('bestPractices'),
    lcpMs: of('lcpMs'),
    tbtMs: of('tbtMs'),
    cls: of('cls'),
  };
}

/**
 * The cart cookie of a fresh cart holding `items` (book id → quantity), set
 * through the JSON cart API, which only takes same-origin requests.
 */
export async function cartCookie(baseUrl: string, items: Record<string, number>): Promise<string> {
  const body = {
    items: Object.fromEntries(
      Object.entries(items).map(([bookId, quantity]) => [bookId, { quantity }]),
    ),
  };
  const response = await fetch(`${baseUrl}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /api/cart: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  if (!cookies.length) throw new Error('POST /api/cart set no cookie');
  return cookies.join('; ');
}

/** Audits each page `runsPerPage` times; each page's last report is written to `outDir`. */
export async function benchLighthouse(
  baseUrl: string,
  pages: LighthousePage[],
  runsPerPage: number,
  outDir: string,
): Promise<LighthouseResult[]> {
  // Lighthouse is an ES module only.
  const { default: lighthouse } = await import('lighthouse');
  const chrome = await launch({
    chromePath: chromiumExecutable() ?? chromium.executablePath(),
    // A throwaway profile, and no sandbox: the bench may run as root.
    chromeFlags: ['--headless=new', '--no-sandbox', ...OFFLINE_CHROMIUM_ARGS],
    logLevel: 'silent',
  });
  try {
    const audit = (path: string, settings: Record<string, unknown>) =>
      lighthouse(`${baseUrl}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        ...settings,
      });
    let hostSlowdown: number | null = null;
    if (pages.some((page) => page.cpu === 'calibrated')) {
      // Throwaway runs, which also warm the server and the browser, measure the host; one
      // measurement can be a third off on a shared machine, so the median of three.
      const indexes: number[] = [];
      for (let run = 0; run < CALIBRATION_RUNS; run++) {
        const lhr = (await audit(pages[0]?.path ?? '/', {}))?.lhr as Lhr | undefined;
        const index = lhr?.environment.benchmarkIndex;
        if (!index) throw new Error('Lighthouse measured no benchmark index');
        indexes.push(index);
      }
      hostSlowdown = calibratedCpuSlowdown(median(indexes));
    }
    const results: LighthouseResult[] = [];
    for (const page of pages) {
      const throttling = page.throttling ?? 'simulate';
      const cpuSlowdown =
        page.cpu === 'calibrated' && hostSlowdown !== null ? hostSlowdown : DEFAULT_CPU_SLOWDOWN;
      const runs: LighthouseRun[] = [];
      const benchmarkIndexes: number[] = [];
      let lcpElement: string | null = null;
      for (let run = 0; run < runsPerPage; run++) {
        const answer = await audit(page.path, {
          extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
          throttlingMethod: throttling,
          // Merged into the mobile profile: its network stays as Lighthouse has it.
          throttling: { cpuSlowdownMultiplier: cpuSlowdown },
        });
        const lhr = answer?.lhr as Lhr | undefined;
        if (!answer || !lhr) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        // The whole report, to open in Lighthouse's viewer when a number needs explaining.
        const report = Array.isArray(answer.report) ? answer.report.join('') : answer.report;
        writeFileSync(join(outDir, `lighthouse-${page.name.replace(/\W+/g, '-')}.json`), report);
        if (lhr.runtimeError)
          throw new Error(`Lighthouse on ${page.path}: ${lhr.runtimeError.message}`);
        runs.push({
          performance: score(lhr, 'performance'),
          accessibility: score(lhr, 'accessibility'),
          bestPractices: score(lhr, 'best-practices'),
          lcpMs: metric(lhr, 'largest-contentful-paint'),
          tbtMs: metric(lhr, 'total-blocking-time'),
          cls: metric(lhr, 'cumulative-layout-shift'),
        });
        benchmarkIndexes.push(lhr.environment.benchmarkIndex);
        lcpElement =
          lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node
            ?.snippet ?? null;
      }
      results.push({
        name: page.name,
        path: page.path,
        throttling,
        cpu: page.cpu ?? 'default',
        cpuSlowdown,
        runs,
        median: medianRun(runs),
        lcpElement,
        benchmarkIndex: median(benchmarkIndexes),
      });
    }
    return results;
  } finally {
    chrome.kill();
  }
}
