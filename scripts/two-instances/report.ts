/** The printed result: one row per backend and scenario, then what happened along the way. */
import type { ScenarioReport } from './scenario';

export type Row = { backend: string; report: ScenarioReport };

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function formatTable(rows: Row[]): string {
  return table(
    [
      'backend',
      'scenario',
      'shoppers',
      'intents',
      'paid orders',
      'pending',
      'receipts',
      'retries',
      'shopping s',
      'wall s',
    ],
    rows.map(({ backend, report: { name, counts, retries, shopMs, wallMs } }) => [
      backend,
      name,
      `${counts.completed}/${counts.shoppers}`,
      String(counts.intents),
      String(counts.paid),
      String(counts.pending),
      counts.resent ? `${counts.receipts} (+${counts.resent} resent)` : String(counts.receipts),
      String([...retries.values()].reduce((sum, n) => sum + n, 0)),
      seconds(shopMs),
      seconds(wallMs),
    ]),
  );
}

/** Restarts, retried requests by reason, and every mismatch, under their row's name. */
export function formatDetails(rows: Row[]): string[] {
  return rows.flatMap(({ backend, report }) => {
    const where = `${backend}, ${report.name}`;
    return [
      ...report.notes.map((note) => `${where}: ${note}`),
      ...[...report.retries].map(([reason, n]) => `${where}: retried ${n}× after ${reason}`),
    ];
  });
}
