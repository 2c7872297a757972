/**
 * Tax arithmetic in integer minor units. Stripe rounds each line item's tax
 * on its own, half up: Stripe's examples give 1499 at 9.875 % → 148 and 1000
 * at 0.15 % → 2 (1.5 rounded up), and tax included in 10000 at 23 % → 1870
 * with a taxable amount of 8130 (docs.stripe.com/tax/custom). Totals and the
 * top-level breakdown are sums of those rounded line amounts.
 */

/** "8.875" → 8875: a percentage in thousandths of a percent, exactly. */
export function milliPercent(percentage: string): number {
  const [whole = '0', fraction = ''] = percentage.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
}

/** Half-up division of non-negative integers: round(numerator / denominator). */
export function divideRounded(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Tax on top of an amount (`exclusive`), or the tax inside it (`inclusive`). */
export function taxOn(amount: number, percentage: string, inclusive: boolean): number {
  const rate = milliPercent(percentage);
  if (rate === 0) return 0;
  return inclusive
    ? divideRounded(amount * rate, 100_000 + rate)
    : divideRounded(amount * rate, 100_000);
}

/**
 * Splits `total` over `weights` in proportion, with cumulative rounding so the
 * parts add up to `total` exactly (the "cumulative remainder approach" Stripe
 * names for partial refunds, docs.stripe.com/tax/faq). Works for negative
 * totals too; weights are non-negative.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const sign = total < 0 ? -1 : 1;
  const magnitude = Math.abs(total);
  let cumulativeWeight = 0;
  let allocated = 0;
  return weights.map((weight) => {
    cumulativeWeight += weight;
    const upTo = divideRounded(magnitude * cumulativeWeight, sum);
    const part = upTo - allocated;
    allocated = upTo;
    return sign * part;
  });
}

/** `part` of `total` scaled to `amount`, rounded half up in magnitude. */
export function proportion(amount: number, part: number, total: number): number {
  if (total === 0) return 0;
  const sign = amount < 0 ? -1 : 1;
  return sign * divideRounded(Math.abs(amount) * part, total);
}
