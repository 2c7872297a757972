import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

const SHOWN = 8;

/**
 * Names the slowest tests at the end of a run. Playwright's own
 * `reportSlowTests` only counts files that ran on a single worker, which
 * `fullyParallel` never does, so it would stay silent.
 */
export default class SlowestTestsReporter implements Reporter {
  private readonly durations: Array<{ title: string; ms: number }> = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    const where = `${test.location.file.split('/tests/').pop()}:${test.location.line}`;
    this.durations.push({ title: `${where} › ${test.title}`, ms: result.duration });
  }

  onEnd(): void {
    const slowest = [...this.durations].sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
    if (slowest.length === 0) return;
    console.log(`\nSlowest ${slowest.length} tests:`);
    for (const { title, ms } of slowest) console.log(`  ${(ms / 1000).toFixed(1)} s  ${title}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
