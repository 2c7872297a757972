/**
 * What a discount code takes off, before shipping and tax. The store owns its
 * codes (Stripe's coupons do not apply to PaymentIntents).
 */
export type DiscountRule =
  | { code: string; kind: 'percent'; percentOff: number }
  | { code: string; kind: 'amount'; amountOff: number };

/** The discount on goods worth `subtotal`: a percentage rounded half up, never more than the goods. */
export function discountAmount(rule: DiscountRule, subtotal: number): number {
  const off =
    rule.kind === 'percent' ? Math.round((subtotal * rule.percentOff) / 100) : rule.amountOff;
  return Math.min(Math.max(off, 0), subtotal);
}

/**
 * Spreads a discount over lines in proportion to their amounts (largest
 * remainder), so each line's taxable amount is known and the parts add up to
 * the discount exactly.
 */
export function allocateDiscount(lineAmounts: number[], discount: number): number[] {
  const total = lineAmounts.reduce((sum, amount) => sum + amount, 0);
  if (total === 0 || discount === 0) return lineAmounts.map(() => 0);
  const exact = lineAmounts.map((amount) => (amount * discount) / total);
  const parts = exact.map(Math.floor);
  let left = discount - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] = parts[index]! + 1;
    left -= 1;
  }
  return parts;
}
