/**
 * Tax for a quote, from Stripe Tax: one calculation for the discounted lines
 * and the shipping, to the shipping address, prices exclusive of tax. The
 * calculation's id is what the PaymentIntent links and the order records.
 */
import 'server-only';
import type Stripe from 'stripe';
import type { Destination, Quote, TaxBreakdownEntry, TaxResult } from './quote';
import { taxableAmounts } from './quote';

/** Stripe's product tax codes (docs.stripe.com/tax/tax-codes): printed books, and shipping. */
export const TAX_CODES = { book: 'txcd_35010000', shipping: 'txcd_92010001' } as const;

export class TaxUnavailableError extends Error {
  override name = 'TaxUnavailableError';
}

/** Stripe cannot place the address (400 `customer_tax_location_invalid`): the shopper can fix it. */
export class TaxLocationError extends Error {
  override name = 'TaxLocationError';
}

function breakdownOf(calculation: Stripe.Tax.Calculation): TaxBreakdownEntry[] {
  return calculation.tax_breakdown
    .filter((entry) => entry.amount > 0 || entry.taxability_reason !== 'not_collecting')
    .map((entry) => ({
      jurisdiction: [entry.tax_rate_details.country, entry.tax_rate_details.state]
        .filter(Boolean)
        .join('-'),
      percentage: entry.tax_rate_details.percentage_decimal,
      amount: entry.amount,
      reason: String(entry.taxability_reason),
    }));
}

export async function calculateTax(
  stripe: Stripe,
  quote: Quote,
  destination: Destination,
): Promise<TaxResult> {
  const amounts = taxableAmounts(quote);
  let calculation: Stripe.Tax.Calculation;
  try {
    calculation = await stripe.tax.calculations.create({
      currency: quote.currency,
      line_items: quote.lines.map((line, i) => ({
        amount: amounts.lines[i]!,
        reference: line.bookId,
        quantity: line.quantity,
        tax_code: TAX_CODES.book,
        tax_behavior: 'exclusive',
      })),
      shipping_cost: {
        amount: amounts.shipping,
        tax_code: TAX_CODES.shipping,
        tax_behavior: 'exclusive',
      },
      customer_details: {
        address: {
          country: destination.country,
          ...(destination.state ? { state: destination.state } : {}),
          ...(destination.postalCode ? { postal_code: destination.postalCode } : {}),
          ...(destination.city ? { city: destination.city } : {}),
          ...(destination.line1 ? { line1: destination.line1 } : {}),
        },
        address_source: 'shipping',
      },
      expand: ['line_items'],
    });
  } catch (error) {
    const stripeError = error as { code?: string; type?: string };
    if (stripeError.code === 'customer_tax_location_invalid') {
      throw new TaxLocationError(
        'We could not work out the tax for that address; check the ZIP or postal code.',
        { cause: error },
      );
    }
    throw new TaxUnavailableError('Tax could not be calculated.', { cause: error });
  }
  const items = calculation.line_items?.data ?? [];
  const taxOf = new Map(items.map((item) => [item.reference, item.amount_tax]));
  return {
    lines: quote.lines.map((line) => taxOf.get(line.bookId) ?? 0),
    shipping: calculation.shipping_cost?.amount_tax ?? 0,
    breakdown: breakdownOf(calculation),
    calculationId: calculation.id,
  };
}
