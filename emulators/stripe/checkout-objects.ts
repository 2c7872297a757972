/**
 * Checkout objects as the API returns them: `checkout.session`, its line
 * items (`item`, with the inline `price` each one carries), `coupon` and
 * `shipping_rate`. Keys follow Stripe's example objects (openapi
 * fixtures3.json) and stripe-node's types for the pinned API version
 * (2026-10-28.endive), null where the emulator has nothing. What only the
 * emulator needs to price and pay a session sits beside it in
 * `StoredCheckoutSession`, never in a response.
 */
import type { Totals } from './checkout-totals';
import type { Address, Metadata } from './objects';
import type { TaxBehavior } from './tax-objects';
import type { TaxLocation } from './tax-location';

export type PriceTaxBehavior = TaxBehavior | 'unspecified';

export type Coupon = {
  id: string;
  object: 'coupon';
  amount_off: number | null;
  created: number;
  currency: string | null;
  duration: 'forever' | 'once' | 'repeating';
  duration_in_months: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
};

export type DeliveryEstimateBound = {
  unit: 'business_day' | 'day' | 'hour' | 'month' | 'week';
  value: number;
};

export type ShippingRate = {
  id: string;
  object: 'shipping_rate';
  active: boolean;
  created: number;
  delivery_estimate: {
    maximum: DeliveryEstimateBound | null;
    minimum: DeliveryEstimateBound | null;
  } | null;
  display_name: string;
  fixed_amount: { amount: number; currency: string };
  livemode: false;
  metadata: Metadata;
  tax_behavior: PriceTaxBehavior;
  tax_code: string | null;
  type: 'fixed_amount';
};

export type Price = {
  id: string;
  object: 'price';
  active: boolean;
  billing_scheme: 'per_unit';
  created: number;
  currency: string;
  custom_unit_amount: null;
  livemode: false;
  lookup_key: null;
  metadata: Metadata;
  nickname: null;
  product: string;
  recurring: null;
  tax_behavior: PriceTaxBehavior;
  tiers_mode: null;
  transform_quantity: null;
  type: 'one_time';
  unit_amount: number;
  unit_amount_decimal: string;
};

/** A Checkout Session's line item: Stripe names the object `item`. */
export type CheckoutLineItem = {
  id: string;
  object: 'item';
  adjustable_quantity: null;
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  metadata: Metadata | null;
  price: Price;
  quantity: number;
};

export type CheckoutStatus = 'open' | 'complete' | 'expired';

export type AutomaticTaxStatus = 'complete' | 'failed' | 'requires_location_inputs';

export type CheckoutCustomerDetails = {
  address: Address | null;
  business_name: null;
  email: string | null;
  individual_name: null;
  name: string | null;
  phone: null;
  tax_exempt: 'none';
  tax_ids: [];
};

export type ShippingCost = {
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  shipping_rate: string;
};

export type CheckoutSession = {
  id: string;
  object: 'checkout.session';
  adaptive_pricing: { enabled: false };
  after_expiration: null;
  allow_promotion_codes: null;
  allowed_payment_method_types: null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: {
    enabled: boolean;
    liability: { type: 'self' } | null;
    provider: 'stripe' | null;
    status: AutomaticTaxStatus | null;
  };
  billing_address_collection: 'auto' | 'required' | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  collected_information: {
    business_name: null;
    individual_name: null;
    shipping_details: { address: Address; name: string } | null;
  } | null;
  consent: null;
  consent_collection: null;
  created: number;
  currency: string;
  currency_conversion: null;
  custom_fields: [];
  custom_text: {
    after_submit: null;
    shipping_address: null;
    submit: null;
    terms_of_service_acceptance: null;
  };
  customer: null;
  customer_account: null;
  customer_creation: 'if_required';
  customer_details: CheckoutCustomerDetails | null;
  customer_email: string | null;
  discounts: Array<{ coupon: string; promotion_code: null }>;
  expires_at: number;
  integration_identifier: null;
  invoice: null;
  invoice_creation: {
    enabled: false;
    invoice_data: {
      account_tax_ids: null;
      custom_fields: null;
      description: null;
      footer: null;
      issuer: null;
      metadata: Metadata;
      rendering_options: null;
    };
  };
  livemode: false;
  locale: string | null;
  managed_payments: null;
  metadata: Metadata;
  mode: 'payment';
  origin_context: null;
  payment_intent: string | null;
  payment_link: null;
  payment_method_collection: 'if_required';
  payment_method_configuration_details: null;
  payment_method_options: { card: { request_three_d_secure: 'automatic' } };
  payment_method_types: ['card'];
  payment_status: 'paid' | 'unpaid';
  permissions: null;
  phone_number_collection: { enabled: false };
  recovered_from: null;
  saved_payment_method_options: {
    allow_redisplay_filters: ['always'];
    payment_method_remove: null;
    payment_method_save: null;
  };
  setup_intent: null;
  shipping_address_collection: { allowed_countries: string[] } | null;
  shipping_cost: ShippingCost | null;
  shipping_options: Array<{ shipping_amount: number; shipping_rate: string }>;
  status: CheckoutStatus;
  submit_type: 'auto' | 'book' | 'donate' | 'pay' | null;
  subscription: null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted_page';
  /** Only while the session is open, as Stripe documents. */
  url: string | null;
  wallet_options: null;
};

/** What a line needs to be priced and taxed, and shown on the hosted page. */
export type LineSpec = {
  name: string;
  description: string | null;
  images: string[];
  unitAmount: number;
  quantity: number;
  /** The tax code Stripe Tax uses: the product's, or the account's preset. */
  taxCode: string;
  inclusive: boolean;
};

export type PaymentIntentData = {
  metadata: Metadata;
  description: string | null;
  receiptEmail: string | null;
  statementDescriptorSuffix: string | null;
};

/** What the shopper entered on the hosted page (or through the control API). */
export type CollectedDetails = {
  email: string;
  name: string;
  address: Address;
};

export type StoredCheckoutSession = {
  session: CheckoutSession;
  lineItems: CheckoutLineItem[];
  lines: LineSpec[];
  paymentIntentData: PaymentIntentData;
  /** Where the session was created from: the hosted page's URL uses it. */
  origin: string;
  /** The amounts the session shows now, kept with their tax detail for the tax transaction. */
  totals: Totals;
  /** Where tax was last computed for, once the shopper gave an address. */
  location: TaxLocation | null;
  /** The details of the payment attempt under way, until the session completes. */
  collected: CollectedDetails | null;
};
