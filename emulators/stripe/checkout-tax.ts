/**
 * The tax record of a Checkout payment with automatic tax. Stripe Tax
 * "automatically calculates the taxes on all purchases" of a Checkout Session
 * (docs.stripe.com/tax/checkout) and records them for reporting itself; the
 * merchant makes no Tax API calls. The emulator records that as a tax
 * transaction made from the session's final amounts, referenced by the
 * session's PaymentIntent, as Stripe does for an intent with a linked
 * calculation (docs.stripe.com/tax/payment-intent), its lines referenced by
 * the session's line item ids. Refunds of the payment then reverse their
 * part of it, as Stripe adjusts tax "in proportion to the refunded amount"
 * (docs.stripe.com/tax/invoicing/refunds): `tax-associations.ts` does that
 * for both kinds of payment. No events, as Stripe sends none.
 */
import type { StoredCheckoutSession } from './checkout-objects';
import { newId } from './ids';
import type { PaymentIntent } from './objects';
import type { EmulatorState } from './state';
import { CALCULATION_LIFETIME_SECONDS } from './tax-calculations';
import { mergeBreakdowns } from './tax-compute';
import type {
  CalculationLineItem,
  LineTaxBreakdown,
  StoredCalculation,
  TaxCalculation,
} from './tax-objects';
import { transactionFromCalculation } from './tax-transactions';

/** The session's final tax, as a calculation of its own: what the transaction is made from. */
function calculationOf(
  state: EmulatorState,
  stored: StoredCheckoutSession,
): StoredCalculation | null {
  const { session, totals, collected } = stored;
  if (!collected || !stored.location) return null;
  const now = state.clock.now();
  const lineItems: CalculationLineItem[] = totals.lines.map((line, i) => ({
    id: newId('tax_li'),
    object: 'tax.calculation_line_item',
    amount: line.net,
    amount_tax: line.tax,
    livemode: false,
    metadata: null,
    performance_location: null,
    product: null,
    quantity: stored.lines[i]!.quantity,
    reference: stored.lineItems[i]!.id,
    tax_behavior: stored.lines[i]!.inclusive ? 'inclusive' : 'exclusive',
    tax_code: stored.lines[i]!.taxCode,
  }));
  const parts = [
    ...totals.lines.map((line, i) => ({
      taxed: line.taxed,
      inclusive: stored.lines[i]!.inclusive,
    })),
    ...(totals.shipping
      ? [{ taxed: totals.shipping.taxed, inclusive: totals.shipping.inclusive }]
      : []),
  ];
  const taxOf = (inclusive: boolean) =>
    parts.filter((p) => p.inclusive === inclusive).reduce((sum, p) => sum + (p.taxed?.tax ?? 0), 0);
  const shipping = totals.shipping;
  const calculation: TaxCalculation = {
    id: newId('taxcalc'),
    object: 'tax.calculation',
    amount_total: session.amount_total,
    currency: session.currency,
    customer: null,
    customer_details: {
      address: structuredClone(collected.address),
      // Checkout taxes the shipping address when it collects one, else the billing address.
      address_source: session.shipping_address_collection ? 'shipping' : 'billing',
      ip_address: null,
      tax_ids: [],
      taxability_override: 'none',
    },
    expires_at: now + CALCULATION_LIFETIME_SECONDS,
    livemode: false,
    ship_from_details: null,
    shipping_cost: shipping
      ? {
          amount: shipping.subtotal,
          amount_tax: shipping.tax,
          tax_behavior: shipping.inclusive ? 'inclusive' : 'exclusive',
          tax_code: shipping.taxCode,
        }
      : null,
    tax_amount_exclusive: taxOf(false),
    tax_amount_inclusive: taxOf(true),
    tax_breakdown: mergeBreakdowns(parts.flatMap((p) => (p.taxed ? [p.taxed.breakdown] : []))),
    tax_date: now,
  };
  const detail = (taxed: { detail: LineTaxBreakdown } | null) => (taxed ? [taxed.detail] : []);
  return {
    calculation,
    lineItems,
    lineBreakdowns: new Map(lineItems.map((line, i) => [line.id, detail(totals.lines[i]!.taxed)])),
    shippingBreakdown: shipping ? detail(shipping.taxed) : null,
    transaction: null,
  };
}

/** On payment: the session's tax transaction, referenced by its PaymentIntent. */
export function recordCheckoutTax(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  intent: PaymentIntent,
): void {
  if (!stored.session.automatic_tax.enabled || state.checkoutTaxTransactions.has(intent.id)) return;
  // A reference is unique across all transactions; one taken already cannot be reused.
  if (state.taxReferences.has(intent.id)) return;
  const calculation = calculationOf(state, stored);
  if (!calculation) return;
  const created = transactionFromCalculation(state, calculation, intent.id, {
    metadata: {},
    postedAt: state.clock.now(),
  });
  state.checkoutTaxTransactions.set(intent.id, created.transaction.id);
}
