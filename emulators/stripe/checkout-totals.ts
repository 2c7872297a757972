/**
 * What a Checkout Session charges: each line's subtotal, its share of the
 * discount, its tax, and the shipping cost and its tax.
 * - A coupon discounts the items' subtotal, not shipping ("Apply a discount
 *   to an entire purchase subtotal", docs.stripe.com/payments/checkout/
 *   discounts). Its amount (all of `amount_off`, capped at the subtotal, or
 *   `percent_off` of the subtotal, rounded half up) is spread over the lines
 *   in proportion to their subtotals, with cumulative rounding so the shares
 *   add up exactly, as Stripe splits an amount across line items
 *   (docs.stripe.com/tax/invoicing/refunds, docs.stripe.com/tax/faq).
 * - Tax is computed on each line after its discount, and on the shipping
 *   cost, each rounded on its own (tax-math.ts), for where the shopper is;
 *   before an address is known, or with automatic tax off, there is none.
 * - Exclusive tax is added to the total; inclusive tax is already in it.
 */
import type { LineSpec, ShippingRate } from './checkout-objects';
import { taxAmount, type Taxed } from './tax-compute';
import type { TaxLocation } from './tax-location';
import { allocate, divideRounded } from './tax-math';
import { PRESET_SHIPPING_TAX_CODE } from './tax-rates';

export type PricedLine = {
  subtotal: number;
  discount: number;
  /** What is taxed: the subtotal less the discount. */
  net: number;
  tax: number;
  total: number;
  taxed: Taxed | null;
};

export type PricedShipping = {
  rate: ShippingRate;
  subtotal: number;
  tax: number;
  total: number;
  taxCode: string;
  inclusive: boolean;
  taxed: Taxed | null;
};

export type Totals = {
  lines: PricedLine[];
  shipping: PricedShipping | null;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
};

export type DiscountSpec = { amountOff: number } | { percentOff: number } | null;

function discountTotal(subtotal: number, discount: DiscountSpec): number {
  if (!discount) return 0;
  if ('amountOff' in discount) return Math.min(discount.amountOff, subtotal);
  // Percentages carry at most two decimals: work in hundredths of a percent.
  return divideRounded(subtotal * Math.round(discount.percentOff * 100), 10_000);
}

function tax(
  location: TaxLocation | null,
  taxCode: string,
  amount: number,
  inclusive: boolean,
): Taxed | null {
  if (!location) return null;
  return taxAmount({ location, override: 'none', taxCode, amount, inclusive });
}

/** `unspecified` prices use the account's default tax behavior: the emulator's is exclusive. */
export function isInclusive(behavior: string): boolean {
  return behavior === 'inclusive';
}

export function computeTotals(
  lines: LineSpec[],
  discount: DiscountSpec,
  rate: ShippingRate | null,
  location: TaxLocation | null,
): Totals {
  const subtotals = lines.map((line) => line.unitAmount * line.quantity);
  const subtotal = subtotals.reduce((a, b) => a + b, 0);
  const discounts = allocate(discountTotal(subtotal, discount), subtotals);
  const priced = lines.map((line, i): PricedLine => {
    const net = subtotals[i]! - discounts[i]!;
    const taxed = tax(location, line.taxCode, net, line.inclusive);
    const lineTax = taxed?.tax ?? 0;
    return {
      subtotal: subtotals[i]!,
      discount: discounts[i]!,
      net,
      tax: lineTax,
      total: net + (line.inclusive ? 0 : lineTax),
      taxed,
    };
  });
  let shipping: PricedShipping | null = null;
  if (rate) {
    const inclusive = isInclusive(rate.tax_behavior);
    const taxCode = rate.tax_code ?? PRESET_SHIPPING_TAX_CODE;
    const amount = rate.fixed_amount.amount;
    const taxed = tax(location, taxCode, amount, inclusive);
    const shippingTax = taxed?.tax ?? 0;
    shipping = {
      rate,
      subtotal: amount,
      tax: shippingTax,
      total: amount + (inclusive ? 0 : shippingTax),
      taxCode,
      inclusive,
      taxed,
    };
  }
  const all = [...priced, ...(shipping ? [shipping] : [])];
  return {
    lines: priced,
    shipping,
    subtotal,
    discount: discounts.reduce((a, b) => a + b, 0),
    tax: all.reduce((sum, part) => sum + part.tax, 0),
    total: all.reduce((sum, part) => sum + part.total, 0),
  };
}
