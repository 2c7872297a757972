/**
 * Stripe Tax objects as the API returns them: `tax.calculation`,
 * `tax.calculation_line_item`, `tax.transaction`, `tax.transaction_line_item`
 * and `tax.association`. Keys follow Stripe's example objects (openapi
 * fixtures3.json) and stripe-node's `types/Tax/*`; fields Stripe only returns
 * when expanded (`line_items`, `tax_breakdown` of a line item or of shipping)
 * are left out of the stored objects and added by the views in
 * `tax-views.ts`.
 */
import type { Address, Metadata } from './objects';

export type TaxBehavior = 'exclusive' | 'inclusive';

export type TaxabilityReason =
  | 'customer_exempt'
  | 'not_collecting'
  | 'not_subject_to_tax'
  | 'product_exempt'
  | 'reduced_rated'
  | 'reverse_charge'
  | 'standard_rated'
  | 'zero_rated';

export type TaxType = 'gst' | 'hst' | 'sales_tax' | 'vat';

export type TaxabilityOverride = 'none' | 'customer_exempt' | 'reverse_charge';

export type CustomerDetails = {
  address: Address;
  address_source: 'billing' | 'shipping' | null;
  ip_address: string | null;
  tax_ids: Array<{ type: string; value: string }>;
  taxability_override: TaxabilityOverride;
};

/** One entry of a calculation's top-level `tax_breakdown`. */
export type TaxBreakdown = {
  amount: number;
  inclusive: boolean;
  tax_rate_details: {
    country: string | null;
    percentage_decimal: string;
    state: string | null;
    tax_type: TaxType | null;
    flat_amount: null;
    rate_type: 'percentage' | null;
  };
  taxability_reason: TaxabilityReason;
  taxable_amount: number;
};

/** One entry of a line item's (or the shipping cost's) detailed `tax_breakdown`. */
export type LineTaxBreakdown = {
  amount: number;
  jurisdiction: {
    country: string;
    display_name: string;
    level: 'country' | 'state';
    state: string | null;
  };
  sourcing: 'destination';
  tax_rate_details: { display_name: string; percentage_decimal: string; tax_type: TaxType } | null;
  taxability_reason: TaxabilityReason;
  taxable_amount: number;
};

export type CalculationLineItem = {
  id: string;
  object: 'tax.calculation_line_item';
  amount: number;
  amount_tax: number;
  livemode: false;
  metadata: Metadata | null;
  performance_location: null;
  product: null;
  quantity: number;
  reference: string;
  tax_behavior: TaxBehavior;
  tax_code: string;
};

export type CalculationShippingCost = {
  amount: number;
  amount_tax: number;
  tax_behavior: TaxBehavior;
  tax_code: string;
};

export type ShipFromDetails = { address: Address } | null;

export type TaxCalculation = {
  id: string;
  object: 'tax.calculation';
  amount_total: number;
  currency: string;
  customer: null;
  customer_details: CustomerDetails;
  expires_at: number;
  livemode: false;
  ship_from_details: ShipFromDetails;
  shipping_cost: CalculationShippingCost | null;
  tax_amount_exclusive: number;
  tax_amount_inclusive: number;
  tax_breakdown: TaxBreakdown[];
  tax_date: number;
};

/** A calculation with what only expansion shows, kept beside it. */
export type StoredCalculation = {
  calculation: TaxCalculation;
  lineItems: CalculationLineItem[];
  lineBreakdowns: Map<string, LineTaxBreakdown[]>;
  shippingBreakdown: LineTaxBreakdown[] | null;
  /** The transaction made from it, if any: a calculation becomes at most one. */
  transaction: string | null;
};

export type TransactionLineItem = {
  id: string;
  object: 'tax.transaction_line_item';
  amount: number;
  amount_tax: number;
  livemode: false;
  metadata: Metadata | null;
  product: null;
  quantity: number;
  reference: string;
  reversal: { original_line_item: string } | null;
  tax_behavior: TaxBehavior;
  tax_code: string;
  type: 'transaction' | 'reversal';
};

export type TaxTransaction = {
  id: string;
  object: 'tax.transaction';
  created: number;
  currency: string;
  customer: null;
  customer_details: CustomerDetails;
  livemode: false;
  metadata: Metadata;
  posted_at: number;
  reference: string;
  reversal: { original_transaction: string } | null;
  ship_from_details: ShipFromDetails;
  shipping_cost: CalculationShippingCost | null;
  tax_date: number;
  type: 'transaction' | 'reversal';
};

export type StoredTransaction = {
  transaction: TaxTransaction;
  lineItems: TransactionLineItem[];
  /** Partial reversals made of it; Stripe allows 30 per sale. */
  partialReversals: number;
  /** The full reversal made of it, if any. */
  fullReversal: string | null;
};

export type TaxAttemptError =
  | 'another_payment_associated_with_calculation'
  | 'calculation_expired'
  | 'currency_mismatch'
  | 'unique_reference_violation';

/** An attempt carries `committed` or `errored`, whichever its status is, not both. */
export type TaxTransactionAttempt =
  | { source: string; status: 'committed'; committed: { transaction: string } }
  | { source: string; status: 'errored'; errored: { reason: TaxAttemptError } };

export type TaxAssociation = {
  id: string;
  object: 'tax.association';
  calculation: string;
  payment_intent: string;
  tax_transaction_attempts: TaxTransactionAttempt[] | null;
};
