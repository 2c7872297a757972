/**
 * Taxing one amount (a line item or the shipping cost) where the customer
 * is: the registration that applies, the treatment of its tax code, the tax
 * rounded for that line alone, and the breakdown entries Stripe reports for
 * it (the top-level one and the detailed, per-jurisdiction one).
 */
import type {
  LineTaxBreakdown,
  TaxabilityOverride,
  TaxabilityReason,
  TaxBreakdown,
} from './tax-objects';
import type { TaxLocation } from './tax-location';
import { taxOn } from './tax-math';
import {
  placeName,
  registrationFor,
  treatmentFor,
  taxTypeOf,
  type Registration,
} from './tax-rates';

export type Taxed = {
  tax: number;
  breakdown: TaxBreakdown;
  detail: LineTaxBreakdown;
};

export type TaxInput = {
  location: TaxLocation;
  override: TaxabilityOverride;
  taxCode: string;
  amount: number;
  inclusive: boolean;
};

/** Nothing collected: no registration there, a Nontaxable code, or an override. */
function untaxed(input: TaxInput, reason: TaxabilityReason, registration?: Registration): Taxed {
  const { country } = input.location;
  const state = registration
    ? registration.level === 'state'
      ? registration.state
      : null
    : input.location.state;
  return {
    tax: 0,
    breakdown: {
      amount: 0,
      inclusive: input.inclusive,
      tax_rate_details: {
        country,
        percentage_decimal: '0.0',
        state,
        tax_type: registration?.taxType ?? taxTypeOf(country),
        flat_amount: null,
        rate_type: null,
      },
      taxability_reason: reason,
      taxable_amount: 0,
    },
    detail: {
      amount: 0,
      jurisdiction: {
        country,
        display_name: registration?.jurisdiction ?? placeName(country, state),
        level: registration?.level ?? (state ? 'state' : 'country'),
        state,
      },
      sourcing: 'destination',
      tax_rate_details: null,
      taxability_reason: reason,
      taxable_amount: 0,
    },
  };
}

export function taxAmount(input: TaxInput): Taxed {
  const registration = registrationFor(input.location.country, input.location.state);
  if (!registration) return untaxed(input, 'not_collecting');
  const treatment = treatmentFor(registration, input.taxCode);
  if (!treatment) return untaxed(input, 'not_collecting', registration);
  if (input.override !== 'none') return untaxed(input, input.override, registration);

  const tax = taxOn(input.amount, treatment.percentage, input.inclusive);
  const exempt = treatment.reason === 'product_exempt';
  const taxable = exempt ? 0 : input.inclusive ? input.amount - tax : input.amount;
  const state = registration.level === 'state' ? registration.state : null;
  return {
    tax,
    breakdown: {
      amount: tax,
      inclusive: input.inclusive,
      tax_rate_details: {
        country: registration.country,
        percentage_decimal: treatment.percentage,
        state,
        tax_type: registration.taxType,
        flat_amount: null,
        rate_type: exempt ? null : 'percentage',
      },
      taxability_reason: treatment.reason,
      taxable_amount: taxable,
    },
    detail: {
      amount: tax,
      jurisdiction: {
        country: registration.country,
        display_name: registration.jurisdiction,
        level: registration.level,
        state,
      },
      sourcing: 'destination',
      // Stripe leaves the rate out where no tax is imposed, as for an exempt product.
      tax_rate_details: exempt
        ? null
        : {
            display_name: registration.displayName,
            percentage_decimal: treatment.percentage,
            tax_type: registration.taxType,
          },
      taxability_reason: treatment.reason,
      taxable_amount: taxable,
    },
  };
}

function sameRate(a: TaxBreakdown, b: TaxBreakdown): boolean {
  return (
    a.inclusive === b.inclusive &&
    a.taxability_reason === b.taxability_reason &&
    JSON.stringify(a.tax_rate_details) === JSON.stringify(b.tax_rate_details)
  );
}

/** The top-level breakdown: one entry per distinct rate and reason, amounts summed. */
export function mergeBreakdowns(entries: TaxBreakdown[]): TaxBreakdown[] {
  const merged: TaxBreakdown[] = [];
  for (const entry of entries) {
    const same = merged.find((m) => sameRate(m, entry));
    if (same) {
      same.amount += entry.amount;
      same.taxable_amount += entry.taxable_amount;
    } else {
      merged.push(structuredClone(entry));
    }
  }
  return merged;
}
