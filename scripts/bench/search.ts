/**
 * What catalog search costs: in process, a search over the real catalog's
 * first 10 books and over a synthetic catalog of 10,000, the time and memory
 * to index the large one; over HTTP, `/` (prerendered) against `/?q=melville`
 * (rendered per request) on `next start`.
 *
 * The synthetic books recombine the real titles, names and description words
 * with a seeded generator, so every run indexes the same text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Book } from '../../lib/catalog/book';
import { listBooks } from '../../lib/catalog/catalog';
import { buildCatalogIndex } from '../../lib/catalog/catalog-index';
import {
  createCatalogSearch,
  EMPTY_QUERY,
  type CatalogQuery,
} from '../../lib/catalog/catalog-search';
import { slugify } from '../../lib/catalog/fold-text';
import { GENRES } from '../../lib/catalog/genres';
import { measureFirstLoadJs, type FirstLoadJs } from './first-load-js';
import { runLoad, type LoadResult } from './load';
import { startEmulators, startNext } from './next-server';
import { percentile } from './percentile';

// Inside the 3530–3539 block this bench owns; the emulators take the next four ports.
const NEXT_PORT = 3530;
const EMULATOR_PORT = 3531;

export type SearchTiming = { books: number; searches: number; p50: number; p99: number };

export type SearchBench = {
  inProcess: SearchTiming[];
  build10k: { indexMs: number; searchReadyMs: number; indexHeapMiB: number };
  http: LoadResult[];
  firstLoadJs: FirstLoadJs[];
  /** Whether the build prerendered `/`: a search must never make the catalog dynamic. */
  catalogPrerendered: boolean;
  problems: string[];
};

/** mulberry32: small, seeded, and the same sequence on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCatalog(size: number, seed = 1): Book[] {
  const random = seeded(seed);
  const real = listBooks();
  const words = (texts: string[]) => texts.flatMap((text) => text.split(/\s+/)).filter(Boolean);
  const titleWords = words(real.map((book) => book.title));
  const descriptionWords = words(real.map((book) => book.description));
  const firstNames = real.map((book) => book.author.split(' ').slice(0, -1).join(' '));
  const surnames = real.map((book) => book.author.split(' ').at(-1) ?? '');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const some = (list: readonly string[], min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(list));
  return Array.from({ length: size }, (_, i) => {
    const title = some(titleWords, 1, 4).join(' ');
    const genres = [...new Set(some(GENRES, 1, 3))];
    return {
      id: `s${i}`,
      slug: `${slugify(title)}-${i}`,
      title,
      author: `${pick(firstNames)} ${pick(surnames)}`,
      year: 1600 + Math.floor(random() * 330),
      description: some(descriptionWords, 10, 24).join(' '),
      genres,
      price: 499 + Math.floor(random() * 2500),
      initialStock: 100,
      cover: '/covers/moby-dick.svg',
    };
  });
}

/** What shoppers type: names, typos, accents, title words, several words, a miss; some filtered. */
const QUERIES: Array<Partial<CatalogQuery>> = [
  { text: 'melville' },
  { text: 'melvile' },
  { text: 'austin' },
  { text: 'bronte' },
  { text: 'Brontë' },
  { text: 'dickens great' },
  { text: 'adventures' },
  { text: 'white whale captain' },
  { text: 'frankenstien' },
  { text: 'the' },
  { text: 'sher' },
  { text: 'zzzzqx' },
  { text: 'war', genre: 'historical', sort: 'price-asc' },
  { text: 'love', maxPrice: 1500 },
  { genre: 'gothic', sort: 'title' },
  { minPrice: 1000, maxPrice: 2000, sort: 'year-desc' },
];

function timeSearches(books: readonly Book[], rounds: number): SearchTiming {
  const search = createCatalogSearch(books);
  const queries = QUERIES.map((query) => ({ ...EMPTY_QUERY, ...query }));
  for (const query of queries) search(query); // warm-up: JIT, and MiniSearch's lazy structures
  const durations: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const started = performance.now();
      search(query);
      durations.push(performance.now() - started);
    }
  }
  durations.sort((a, b) => a - b);
  return {
    books: books.length,
    searches: durations.length,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
  };
}

/** A real collection before each heap reading, or the numbers are mostly garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function measureBuild(books: readonly Book[], runs = 5) {
  const gc = collector();
  const index: number[] = [];
  const ready: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    buildCatalogIndex(books);
    index.push(performance.now() - started);
    started = performance.now();
    createCatalogSearch(books);
    ready.push(performance.now() - started);
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = buildCatalogIndex(books);
  gc();
  const after = process.memoryUsage().heapUsed;
  // Read after the measurement, so the index is still reachable when the heap is.
  if (kept.documentCount !== books.length) throw new Error('the index lost books');
  index.sort((a, b) => a - b);
  ready.sort((a, b) => a - b);
  return {
    indexMs: percentile(index, 50),
    searchReadyMs: percentile(ready, 50),
    indexHeapMiB: (after - before) / 1024 / 1024,
  };
}

function catalogIsPrerendered(): boolean {
  try {
    const manifest = JSON.parse(
      readFileSync(join(process.cwd(), '.next', 'prerender-manifest.json'), 'utf8'),
    ) as { routes?: Record<string, unknown> };
    return Boolean(manifest.routes?.['/']);
  } catch {
    return false;
  }
}

export async function benchSearch(options: {
  durationSeconds: number;
  connections: number;
  firstLoadBudgetKiB: number;
}): Promise<SearchBench> {
  const problems: string[] = [];
  const large = syntheticCatalog(10_000);
  const inProcess = [timeSearches(listBooks().slice(0, 10), 500), timeSearches(large, 20)];
  const build10k = measureBuild(large);

  const catalogPrerendered = catalogIsPrerendered();
  if (!catalogPrerendered) problems.push('/ is not prerendered');

  const emulators = await startEmulators(EMULATOR_PORT);
  const next = await startNext(NEXT_PORT, EMULATOR_PORT).catch(async (error: unknown) => {
    await emulators.stop();
    throw error;
  });
  try {
    const firstLoadJs = [
      await measureFirstLoadJs(next.url, '/'),
      await measureFirstLoadJs(next.url, '/?q=melville'),
    ];
    const catalog = firstLoadJs[0];
    if (catalog && catalog.gzipKiB > options.firstLoadBudgetKiB)
      problems.push(
        `/ first-load JS ${catalog.gzipKiB.toFixed(1)} KiB > ${options.firstLoadBudgetKiB}`,
      );
    const http: LoadResult[] = [];
    for (const [path, expected] of [
      ['/', '32 books'],
      ['/?q=melville', '1 book matching'],
    ] as const) {
      http.push(
        await runLoad({
          name: path,
          url: `${next.url}${path}`,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          verifyBody: (body) => body.includes(expected),
        }),
      );
    }
    for (const result of http) {
      const bad = result.non2xx + result.errors + result.mismatches;
      if (bad > 0) problems.push(`${result.name}: ${bad} bad responses`);
    }
    return { inProcess, build10k, http, firstLoadJs, catalogPrerendered, problems };
  } finally {
    await next.stop();
    await emulators.stop();
  }
}
