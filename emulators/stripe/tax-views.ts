/**
 * What a Tax API response shows of a stored object: `line_items` and the
 * detailed `tax_breakdown`s only when asked for with `expand[]`, as Stripe
 * returns them (its examples expand `line_items` and
 * `line_items.data.tax_breakdown`, docs.stripe.com/tax/custom).
 */
import { paginate } from './state';
import type { CalculationLineItem, StoredCalculation, StoredTransaction } from './tax-objects';

export function lineItemView(
  stored: StoredCalculation,
  line: CalculationLineItem,
  withBreakdown: boolean,
) {
  return withBreakdown
    ? { ...line, tax_breakdown: stored.lineBreakdowns.get(line.id) ?? [] }
    : line;
}

/** An embedded list: its first page, in the order the items were given. */
function embeddedList<T extends { id: string }>(items: T[], url: string) {
  return paginate([...items].reverse(), url, undefined, undefined);
}

export function calculationView(stored: StoredCalculation, expand: string[]) {
  const { calculation } = stored;
  const withBreakdown = expand.includes('line_items.data.tax_breakdown');
  const view: Record<string, unknown> = { ...calculation };
  if (calculation.shipping_cost && expand.includes('shipping_cost.tax_breakdown')) {
    view.shipping_cost = {
      ...calculation.shipping_cost,
      tax_breakdown: stored.shippingBreakdown ?? [],
    };
  }
  if (withBreakdown || expand.includes('line_items')) {
    view.line_items = embeddedList(
      stored.lineItems.map((line) => lineItemView(stored, line, withBreakdown)),
      `/v1/tax/calculations/${calculation.id}/line_items`,
    );
  }
  return view;
}

export function transactionView(stored: StoredTransaction, expand: string[]) {
  const { transaction } = stored;
  if (!expand.includes('line_items')) return transaction;
  return {
    ...transaction,
    line_items: embeddedList(stored.lineItems, `/v1/tax/transactions/${transaction.id}/line_items`),
  };
}
