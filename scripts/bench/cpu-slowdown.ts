/** Lighthouse's default CPU slowdown, and the host benchmark index it suits (mid high-end desktop). */
export const DEFAULT_CPU_SLOWDOWN = 4;
const DEFAULT_SLOWDOWN_HOST_INDEX = 1750;

/**
 * The CPU slowdown that makes a host of `benchmarkIndex` emulate the phone the
 * default makes of a high-end desktop (Lighthouse's throttling guide, "Calibrating
 * the CPU slowdown"): the index scales the default, to a tenth, and never below 1×.
 */
export function calibratedCpuSlowdown(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0)
    throw new Error(`Not a benchmark index: ${benchmarkIndex}`);
  const multiplier = (DEFAULT_CPU_SLOWDOWN * benchmarkIndex) / DEFAULT_SLOWDOWN_HOST_INDEX;
  return Math.max(1, Math.round(multiplier * 10) / 10);
}
