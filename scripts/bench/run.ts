/**
 * `npm run bench`: builds the storefront, serves it with `next start`, and
 * prints what matters for the shopper. A benchmark, not a test: it reports
 * numbers (also written to bench-results/latest.json) and checks budgets.
 *
 * BENCH_DURATION (seconds per load run, default 10), BENCH_CONNECTIONS (20),
 * BENCH_SKIP_BUILD=1 to reuse an existing build. Sections to run may be named
 * as arguments: `npm run bench -- storefront store` (default: all; also quote, pricing,
 * stripe, checkout, mail, admin, search, stock, lighthouse). The admin section reads BENCH_ADMIN_ORDERS (orders in
 * the store while the back office is loaded, default 10000), BENCH_ADMIN_REFUNDS
 * (queued refunds per sweep run, default 300) and BENCH_ADMIN_BACKEND (what the
 * Upstash emulator keeps data in: redis-server, the default, or in-memory). The lighthouse
 * section audits `/`, a book page and a cart with books BENCH_LIGHTHOUSE_RUNS times each
 * (default 5), the book page once more with the mobile profile applied, and checks the medians.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listBooks } from '../../lib/catalog/catalog';
import { captureAddToCart } from './capture-action';
import { measureFirstLoadJs } from './first-load-js';
import { benchAdmin } from './admin';
import { runLoad, type LoadResult } from './load';
import { startEmulators, startNext, startServer } from './next-server';
import { benchCheckout } from './checkout';
import { benchLighthouse, cartCookie } from './lighthouse';
import { benchMail } from './mail';
import { benchPricing } from './pricing';
import { benchQuote } from './quote';
import { benchSearch } from './search';
import { benchStock } from './stock';
import { benchStore } from './store';
import { benchStripe } from './stripe';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const NEXT_PORT = 3411;
const STATIC_PORT = 3412;
const EMULATOR_PORT = 3420;
const BOOK_PAGE = '/books/moby-dick';
const ADMIN_ORDERS = Number(process.env.BENCH_ADMIN_ORDERS ?? 10_000);
const ADMIN_REFUNDS = Number(process.env.BENCH_ADMIN_REFUNDS ?? 300);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
// Lighthouse's ports: 3540–3549 are this section's alone.
const LIGHTHOUSE_NEXT_PORT = 3540;
const LIGHTHOUSE_EMULATOR_PORT = 3541;

const BUDGETS = { firstLoadGzipKiB: 145, addToCartP50Ms: 50 };
/**
 * Lighthouse mobile medians: scores out of 100, the book page's LCP in milliseconds.
 *
 * They are checked on runs whose CPU slowdown is calibrated to this host
 * (lighthouse.ts): the default 4× suits a high-end desktop, and on a slower
 * host (these 2-core machines measure 1000–1350) it emulates a slower phone
 * than Lighthouse means to. The 4× runs are printed beside them.
 *
 * The LCP budget is checked with the mobile profile applied to the browser.
 * Lighthouse's simulated estimate, made from an unthrottled load, counts every
 * script that ran before the first frame reached the screen as needed for it.
 * Served from this machine, the framework's ~150 KiB of scripts often arrive
 * and run in the ~40 ms between the first paint and its frame being shown,
 * though the page never waits for them; the estimate then charges their
 * download at 1.6 Mbit/s and lands between 1.1 and 2.6 s, against 0.7–0.9 s
 * when they come a little later. With the profile applied they arrive, as on
 * a phone, after the page has painted. Both are printed.
 */
const LIGHTHOUSE_BUDGETS = {
  performance: 98,
  accessibility: 100,
  bestPractices: 100,
  bookPageLcpMs: 1500,
};

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

const SECTIONS = [
  'storefront',
  'store',
  'stripe',
  'checkout',
  'mail',
  'admin',
  'quote',
  'pricing',
  'search',
  'stock',
  'lighthouse',
] as const;
type Section = (typeof SECTIONS)[number];

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !SECTIONS.includes(name as Section));
  if (unknown.length)
    throw new Error(`Unknown bench sections ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  const sections = new Set<Section>(asked.length ? (asked as Section[]) : SECTIONS);
  const outDir = join(process.cwd(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const failures: string[] = [];
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    durationSeconds: DURATION,
    connections: CONNECTIONS,
  };
  if (sections.has('storefront')) await benchStorefront(outDir, report, failures);
  if (sections.has('store')) await benchStoreSection(report, failures);
  if (sections.has('stock')) await benchStockSection(report, failures);
  if (sections.has('stripe')) await benchStripeSection(report, failures);
  if (sections.has('checkout')) await benchCheckoutSection(report, failures);
  if (sections.has('quote')) await benchQuoteSection(report);
  if (sections.has('pricing')) await benchPricingSection(report, failures);
  if (sections.has('mail')) await benchMailSection(report);
  if (sections.has('admin')) await benchAdminSection(report, failures);
  if (sections.has('search')) await benchSearchSection(report, failures);
  if (sections.has('lighthouse')) await benchLighthouseSection(outDir, report, failures);
  report.failures = failures;
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
  console.log(
    failures.length
      ? `\nOver budget or failing:\n- ${failures.join('\n- ')}`
      : '\nAll budgets met.',
  );
  process.exitCode = failures.length ? 1 : 0;
}

let built = false;

/** `next build`, once per run, unless BENCH_SKIP_BUILD is set. */
function buildOnce() {
  if (built || process.env.BENCH_SKIP_BUILD) return;
  console.log('Building…');
  execSync('npx next build', { stdio: 'ignore' });
  built = true;
}

async function benchAdminSection(report: Record<string, unknown>, failures: string[]) {
  const backend = process.env.BENCH_ADMIN_BACKEND || 'redis-server';
  if (backend !== 'redis-server' && backend !== 'in-memory')
    throw new Error(`BENCH_ADMIN_BACKEND must be redis-server or in-memory, not ${backend}`);
  buildOnce();
  const result = await benchAdmin({
    backend,
    orders: ADMIN_ORDERS,
    refunds: ADMIN_REFUNDS,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
  });
  const { problems, ...rest } = result;
  report.admin = rest;
  const { seed } = result;
  const statuses = Object.entries(seed.byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  console.log(
    `\nBack office on the Upstash emulator over ${result.backend}: ` +
      `${seed.orders} orders seeded in ${fmt(seed.seconds)} s ` +
      `(${fmt(seed.ordersPerSecond, 0)}/s; ${statuses}; ${seed.emails} addresses)\n`,
  );
  console.log(
    table(
      ['page', 'path', 'connections', 'rows', 'req/s', 'p50 ms', 'p99 ms', 'bad', 'store cmds'],
      result.pages.map((p) => [
        p.page,
        p.path.length > 40 ? `${p.path.slice(0, 39)}…` : p.path,
        p.connections,
        p.rows,
        fmt(p.requestsPerSecond, 0),
        p.p50,
        p.p99,
        p.non2xx + p.errors + p.mismatches,
        p.storeCommands ? Object.values(p.storeCommands).reduce((a, b) => a + b, 0) : '–',
      ]),
    ),
  );
  const seen = new Set<string>();
  for (const p of result.pages) {
    if (!p.storeCommands || seen.has(p.page)) continue;
    seen.add(p.page);
    const commands = Object.entries(p.storeCommands).map(([name, n]) => `${n} ${name}`);
    console.log(`  ${p.page}: one request ran ${commands.join(', ')} in Redis`);
  }
  console.log(
    `\nQueued refunds against the emulators (${result.queueRefund.runs} queued one at a time: ` +
      `p50 ${fmt(result.queueRefund.p50, 2)} ms, p99 ${fmt(result.queueRefund.p99, 2)} ms)\n`,
  );
  console.log(
    table(
      [
        'sweepers',
        'requests',
        's to all succeeded',
        'refunds/s',
        's to drained',
        'jobs/s',
        'skipped',
        'POST /v1/refunds',
        'refunds made',
      ],
      result.refunds.map((r) => [
        r.sweepers,
        r.requests,
        fmt(r.secondsToAllSucceeded, 2),
        fmt(r.refundsPerSecond, 0),
        fmt(r.secondsToDrained, 2),
        fmt(r.jobsPerSecond, 0),
        r.sweeps.skipped,
        r.stripeRefundCalls,
        r.stripeRefunds,
      ]),
    ),
  );
  failures.push(...problems);
}

async function benchSearchSection(report: Record<string, unknown>, failures: string[]) {
  buildOnce();
  const result = await benchSearch({
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    firstLoadBudgetKiB: BUDGETS.firstLoadGzipKiB,
  });
  const { problems, ...rest } = result;
  report.search = rest;
  console.log('\nCatalog search in process (MiniSearch, 16 queries a round)\n');
  console.log(
    table(
      ['books', 'searches', 'p50 ms', 'p99 ms'],
      result.inProcess.map((r) => [r.books, r.searches, fmt(r.p50, 3), fmt(r.p99, 3)]),
    ),
  );
  const build = result.build10k;
  console.log(
    `\n10,000 books: index built in ${fmt(build.indexMs)} ms (${fmt(build.searchReadyMs)} ms ` +
      `with the sort orders), ${fmt(build.indexHeapMiB)} MiB of heap`,
  );
  console.log(
    `\n/ prerendered: ${result.catalogPrerendered ? 'yes' : 'NO'}; first-load JavaScript (gzip -9)\n`,
  );
  console.log(
    table(
      ['route', 'scripts', 'raw KiB', 'gzip KiB', 'budget'],
      result.firstLoadJs.map((r) => [
        r.route,
        r.scripts,
        fmt(r.rawKiB),
        fmt(r.gzipKiB),
        r.route === '/' ? `≤ ${BUDGETS.firstLoadGzipKiB}` : '–',
      ]),
    ),
  );
  console.log(`\nCatalog over HTTP (autocannon, ${CONNECTIONS} connections, ${DURATION} s each)\n`);
  console.log(
    table(
      ['path', 'req/s', 'p50 ms', 'p99 ms', 'bad'],
      result.http.map((r) => [
        r.name,
        fmt(r.requestsPerSecond, 0),
        r.p50,
        r.p99,
        r.non2xx + r.errors + r.mismatches,
      ]),
    ),
  );
  failures.push(...problems);
}

async function benchLighthouseSection(
  outDir: string,
  report: Record<string, unknown>,
  failures: string[],
) {
  buildOnce();
  const emulators = await startEmulators(LIGHTHOUSE_EMULATOR_PORT);
  const next = await startNext(LIGHTHOUSE_NEXT_PORT, LIGHTHOUSE_EMULATOR_PORT).catch(
    async (error: unknown) => {
      await emulators.stop();
      throw error;
    },
  );
  try {
    // Long titles and quantities above one: the lines a phone has to fit.
    const cookie = await cartCookie(next.url, { b20: 2, b04: 1, b02: 3 });
    const started = new Date().toISOString();
    const results = await benchLighthouse(
      next.url,
      [
        { name: 'catalog', path: '/', cpu: 'calibrated' },
        { name: 'book page', path: BOOK_PAGE, cpu: 'calibrated' },
        { name: 'book page, applied', path: BOOK_PAGE, throttling: 'devtools', cpu: 'calibrated' },
        { name: 'cart, 3 lines', path: '/cart', cookie, cpu: 'calibrated' },
        { name: 'catalog, 4×', path: '/' },
        { name: 'book page, 4×', path: BOOK_PAGE },
        { name: 'cart, 3 lines, 4×', path: '/cart', cookie },
      ],
      LIGHTHOUSE_RUNS,
      outDir,
    );
    report.lighthouse = { started, runsPerPage: LIGHTHOUSE_RUNS, results };
    console.log(
      `\nLighthouse, mobile profile, median of ${LIGHTHOUSE_RUNS} runs per page, from ${started}\n`,
    );
    console.log(
      table(
        [
          'page',
          'path',
          'throttling',
          'CPU',
          'performance',
          'accessibility',
          'best practices',
          'LCP ms',
          'TBT ms',
          'CLS',
        ],
        results.map(({ name, path, throttling, cpuSlowdown, median: m }) => [
          name,
          path,
          throttling,
          `${cpuSlowdown}×`,
          m.performance,
          m.accessibility,
          m.bestPractices,
          fmt(m.lcpMs, 0),
          fmt(m.tbtMs, 0),
          fmt(m.cls, 3),
        ]),
      ),
    );
    for (const { name, runs, lcpElement, benchmarkIndex } of results) {
      const scores = runs.map((r) => `${r.performance}/${fmt(r.lcpMs, 0)}`).join(', ');
      console.log(
        `  ${name}: performance/LCP per run ${scores}; LCP element ${lcpElement ?? '–'}; benchmark index ${fmt(benchmarkIndex, 0)}`,
      );
    }
    // Budgets hold for the phone Lighthouse means to emulate; the 4× runs are for the record.
    for (const { name, path, throttling, median: m } of results.filter(
      (result) => result.cpu === 'calibrated',
    )) {
      if (m.performance < LIGHTHOUSE_BUDGETS.performance)
        failures.push(
          `Lighthouse ${name} performance ${m.performance} < ${LIGHTHOUSE_BUDGETS.performance}`,
        );
      if (m.accessibility < LIGHTHOUSE_BUDGETS.accessibility)
        failures.push(
          `Lighthouse ${name} accessibility ${m.accessibility} < ${LIGHTHOUSE_BUDGETS.accessibility}`,
        );
      if (m.bestPractices < LIGHTHOUSE_BUDGETS.bestPractices)
        failures.push(
          `Lighthouse ${name} best practices ${m.bestPractices} < ${LIGHTHOUSE_BUDGETS.bestPractices}`,
        );
      if (
        path === BOOK_PAGE &&
        throttling === 'devtools' &&
        m.lcpMs >= LIGHTHOUSE_BUDGETS.bookPageLcpMs
      )
        failures.push(
          `Lighthouse ${name} LCP ${fmt(m.lcpMs, 0)} ms ≥ ${LIGHTHOUSE_BUDGETS.bookPageLcpMs}`,
        );
    }
  } finally {
    await next.stop();
    await emulators.stop();
  }
}

async function benchCheckoutSection(report: Record<string, unknown>, failures: string[]) {
  const rows = await benchCheckout(200);
  report.checkout = rows;
  console.log('\nCheckout, one call at a time against the emulators (200 runs each)\n');
  console.log(
    table(
      ['operation', 'p50 ms', 'p99 ms', 'Stripe calls'],
      rows.map((r) => [r.operation, fmt(r.p50, 2), fmt(r.p99, 2), r.stripeCalls]),
    ),
  );
  const repeat = rows.find((r) => r.operation === 'prepare payment, repeat visit');
  if (repeat && repeat.stripeCalls > 0)
    failures.push(`a repeat visit made ${repeat.stripeCalls} Stripe calls`);
}

async function benchQuoteSection(report: Record<string, unknown>) {
  const rows = await benchQuote(200);
  report.quote = rows;
  console.log('\nQuotes (quoteCart), one at a time against the emulators (200 runs each)\n');
  console.log(
    table(
      ['destination', 'p50 ms', 'p99 ms'],
      rows.map((r) => [r.destination, fmt(r.p50, 2), fmt(r.p99, 2)]),
    ),
  );
}

async function benchPricingSection(report: Record<string, unknown>, failures: string[]) {
  buildOnce();
  const result = await benchPricing(DURATION);
  report.pricing = result;
  console.log(`\nCart page, one connection, ${DURATION} s each (next start on the emulators)\n`);
  console.log(
    table(
      ['page', 'req/s', 'p50 ms', 'p99 ms', 'bad'],
      result.cartPage.map((r) => [
        r.name,
        fmt(r.requestsPerSecond, 0),
        r.p50,
        r.p99,
        r.non2xx + r.errors + r.mismatches,
      ]),
    ),
  );
  for (const r of result.cartPage) {
    if (r.non2xx + r.errors + r.mismatches > 0) failures.push(`${r.name}: bad responses`);
  }
  const change = result.addressChange;
  if (change) {
    console.log(
      `\nCheckout in Chromium: address change → Pay shows the requoted amount ` +
        `(${change.runs} changes, 400 ms debounce included): ` +
        `p50 ${fmt(change.p50, 0)} ms, p99 ${fmt(change.p99, 0)} ms, max ${fmt(change.max, 0)} ms`,
    );
  }
}

async function benchMailSection(report: Record<string, unknown>) {
  const result = await benchMail(100, 300);
  report.mail = result;
  console.log('\nReceipts into the local mail catcher\n');
  console.log(
    table(
      ['measure', 'runs', 'p50 ms', 'p99 ms', 'per second'],
      [
        [
          'return page: fulfil (receipt job queued)',
          result.returnPage.runs,
          fmt(result.returnPage.p50, 2),
          fmt(result.returnPage.p99, 2),
          '–',
        ],
        [
          'payment confirmed → receipt in the inbox',
          result.paymentToInbox.runs,
          fmt(result.paymentToInbox.p50, 2),
          fmt(result.paymentToInbox.p99, 2),
          '–',
        ],
        [
          'one sweeper, queued receipts sent',
          result.sweeper.jobs,
          '–',
          '–',
          fmt(result.sweeper.jobsPerSecond, 0),
        ],
      ],
    ),
  );
}

async function benchStripeSection(report: Record<string, unknown>, failures: string[]) {
  const rows = await benchStripe(DURATION);
  report.stripeEmulator = rows;
  console.log(
    `\nStripe emulator through the stripe SDK (${DURATION} s each, 16 concurrent callers)\n`,
  );
  console.log(
    table(
      ['operation', 'per second', 'p50 ms', 'p99 ms', 'errors'],
      rows.map((r) => [r.operation, fmt(r.perSecond, 0), fmt(r.p50, 2), fmt(r.p99, 2), r.errors]),
    ),
  );
  const create = rows.find((r) => r.operation === 'create');
  if (create && create.perSecond < 1000)
    failures.push(`emulator creates ${fmt(create.perSecond, 0)}/s < 1000/s`);
  for (const row of rows)
    if (row.errors > 0) failures.push(`emulator ${row.operation}: ${row.errors} errors`);
}

async function benchStockSection(report: Record<string, unknown>, failures: string[]) {
  const result = await benchStock(DURATION);
  report.stock = result;
  console.log(`\nStock: 50 concurrent callers, ${DURATION} s each\n`);
  console.log(
    table(
      ['backend', 'operation', 'callers', 'per second', 'p50 ms', 'p99 ms', 'errors'],
      result.rows.map((r) => [
        r.backend,
        r.operation,
        r.concurrency,
        fmt(r.perSecond, 0),
        fmt(r.p50, 2),
        fmt(r.p99, 2),
        r.errors,
      ]),
    ),
  );
  for (const race of result.races) {
    console.log(
      `  ${race.backend}: ${race.carts} carts raced for the last ${race.copies} copies; ${race.winners} held one`,
    );
    if (race.winners !== race.copies)
      failures.push(`${race.backend}: ${race.winners} carts held the last ${race.copies} copies`);
  }
  for (const row of result.rows)
    if (row.errors > 0)
      failures.push(`stock ${row.backend} ${row.operation}: ${row.errors} errors`);
}

async function benchStoreSection(report: Record<string, unknown>, failures: string[]) {
  const rows = await benchStore(DURATION);
  report.store = rows;
  console.log(`\nStore through @upstash/redis (${DURATION} s each, 8 concurrent callers)\n`);
  console.log(
    table(
      ['backend', 'operation', 'commands/s', 'p50 ms', 'p99 ms'],
      rows.map((r) => [
        r.backend,
        r.operation,
        fmt(r.commandsPerSecond, 0),
        fmt(r.p50, 2),
        fmt(r.p99, 2),
      ]),
    ),
  );
  for (const operation of ['GET', 'pipeline of 10', 'EVALSHA']) {
    const memory = rows.find((r) => r.backend === 'in-memory' && r.operation === operation);
    const redis = rows.find((r) => r.backend === 'redis-server' && r.operation === operation);
    // Within 10%: the two run the same HTTP layer, so the difference is noise-sized.
    if (memory && redis && memory.commandsPerSecond < redis.commandsPerSecond * 0.9) {
      failures.push(
        `in-memory ${operation} slower than redis-server (${fmt(memory.commandsPerSecond, 0)} < ${fmt(redis.commandsPerSecond, 0)} commands/s)`,
      );
    }
  }
}

async function benchStorefront(
  outDir: string,
  report: Record<string, unknown>,
  failures: string[],
) {
  buildOnce();
  const emulators = await startEmulators(EMULATOR_PORT);
  const next = await startNext(NEXT_PORT, EMULATOR_PORT).catch(async (error: unknown) => {
    await emulators.stop();
    throw error;
  });
  try {
    // 1. First-load JavaScript per route.
    const js = [];
    for (const route of ['/', BOOK_PAGE, '/cart'])
      js.push(await measureFirstLoadJs(next.url, route));
    report.firstLoadJs = js;
    console.log('\nFirst-load JavaScript (scripts in the HTML, gzip -9)\n');
    console.log(
      table(
        ['route', 'scripts', 'raw KiB', 'gzip KiB', `budget`],
        js.map((r) => {
          const budgeted = r.route !== '/cart';
          if (budgeted && r.gzipKiB > BUDGETS.firstLoadGzipKiB)
            failures.push(
              `${r.route} first-load JS ${fmt(r.gzipKiB)} KiB > ${BUDGETS.firstLoadGzipKiB}`,
            );
          return [
            r.route,
            r.scripts,
            fmt(r.rawKiB),
            fmt(r.gzipKiB),
            budgeted ? `≤ ${BUDGETS.firstLoadGzipKiB}` : '–',
          ];
        }),
      ),
    );

    // 2. Throughput of prerendered pages, against the same HTML from a bare server.
    const pages: Array<{ route: string; next: LoadResult; bare: LoadResult }> = [];
    for (const route of ['/', BOOK_PAGE]) {
      const file = join(outDir, `page${route.replaceAll('/', '_')}.html`);
      writeFileSync(file, await (await fetch(`${next.url}${route}`)).text());
      const nextResult = await runLoad({
        name: `next ${route}`,
        url: `${next.url}${route}`,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
      });
      const bare = await startServer(
        'npx',
        ['tsx', 'scripts/bench/static-server.ts', String(STATIC_PORT), file],
        STATIC_PORT,
        {},
      );
      try {
        const bareResult = await runLoad({
          name: `node:http ${route}`,
          url: `${bare.url}${route}`,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
        });
        pages.push({ route, next: nextResult, bare: bareResult });
      } finally {
        await bare.stop();
      }
    }
    report.pages = pages;
    console.log(`\nPage throughput (autocannon, ${CONNECTIONS} connections, ${DURATION} s each)\n`);
    console.log(
      table(
        ['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'next / bare'],
        pages.flatMap((p) => [
          [
            p.route,
            'next start',
            fmt(p.next.requestsPerSecond, 0),
            p.next.p50,
            p.next.p99,
            p.next.non2xx + p.next.errors,
            fmt(p.next.requestsPerSecond / p.bare.requestsPerSecond, 3),
          ],
          [
            p.route,
            'node:http',
            fmt(p.bare.requestsPerSecond, 0),
            p.bare.p50,
            p.bare.p99,
            p.bare.non2xx + p.bare.errors,
            '',
          ],
        ]),
      ),
    );

    // What the availability leaf asks once a page shows (the catalog's 32 books).
    const stockIds = listBooks()
      .map((book) => book.id)
      .join(',');
    const availability = await runLoad({
      name: 'GET /api/stock (32 books)',
      url: `${next.url}/api/stock?ids=${stockIds}`,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
    });
    report.availability = availability;
    console.log(
      `\nAvailability for the catalog (the client leaf's one request): ` +
        `${fmt(availability.requestsPerSecond, 0)} req/s, p50 ${availability.p50} ms, p99 ${availability.p99} ms`,
    );
    if (availability.non2xx + availability.errors > 0)
      failures.push(
        `GET /api/stock: ${availability.non2xx} non-2xx, ${availability.errors} errors`,
      );

    // 3. Add to cart: the real requests a browser sends, replayed one at a time.
    const actions: LoadResult[] = [];
    for (const javaScript of [true, false]) {
      const captured = await captureAddToCart(next.url, '/books/emma', javaScript);
      actions.push(
        await runLoad({
          name: javaScript ? 'server action (JavaScript)' : 'form post (no JavaScript)',
          url: captured.url,
          method: 'POST',
          headers: captured.headers,
          body: captured.body,
          connections: 1,
          durationSeconds: DURATION,
        }),
      );
    }
    report.addToCart = actions;
    const jsAction = actions[0];
    if (jsAction && jsAction.p50 > BUDGETS.addToCartP50Ms)
      failures.push(`add-to-cart p50 ${jsAction.p50} ms > ${BUDGETS.addToCartP50Ms}`);
    console.log(`\nAdd to cart round trip (1 connection, ${DURATION} s)\n`);
    console.log(
      table(
        ['request', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'budget'],
        actions.map((a, i) => [
          a.name,
          fmt(a.requestsPerSecond, 0),
          a.p50,
          a.p99,
          a.non2xx + a.errors,
          i === 0 ? `p50 < ${BUDGETS.addToCartP50Ms}` : '–',
        ]),
      ),
    );
    for (const result of [...pages.flatMap((p) => [p.next, p.bare]), ...actions]) {
      if (result.non2xx + result.errors > 0)
        failures.push(`${result.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
  } finally {
    await next.stop();
    await emulators.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
