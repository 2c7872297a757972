import { describe, expect, it } from 'vitest';
import { calibratedCpuSlowdown } from '../../scripts/bench/cpu-slowdown';

describe('calibratedCpuSlowdown', () => {
  it('keeps the default 4× for the high-end desktop it was chosen for', () => {
    expect(calibratedCpuSlowdown(1750)).toBe(4);
  });

  it('slows a weaker host less and a faster one more, to emulate the same phone', () => {
    expect(calibratedCpuSlowdown(1100)).toBe(2.5);
    expect(calibratedCpuSlowdown(2625)).toBe(6);
  });

  it('never speeds a host up', () => {
    expect(calibratedCpuSlowdown(300)).toBe(1);
  });

  it('refuses a measurement that is not one', () => {
    expect(() => calibratedCpuSlowdown(0)).toThrow('Not a benchmark index: 0');
    expect(() => calibratedCpuSlowdown(Number.NaN)).toThrow('Not a benchmark index');
  });
});
