/**
 * Reading `POST /v1/checkout/sessions` parameters, with Stripe's errors and
 * the full parameter path in each (`line_items[0][price_data][unit_amount]`).
 * Only `mode=payment` with inline prices (`price_data`) is modelled; the
 * emulator keeps no Prices, Products, Customers or promotion codes, so ids of
 * those are unknown to it, as the Tax API's are. Nothing is stored here: a
 * request that fails leaves no shipping rate or anything else behind.
 */
import { refreshValidity } from './coupons';
import type {
  Coupon,
  LineSpec,
  PaymentIntentData,
  PriceTaxBehavior,
  ShippingRate,
} from './checkout-objects';
import { isInclusive } from './checkout-totals';
import { invalidParam, missingParam, missingReference } from './errors';
import type { Params } from './form';
import type { Metadata } from './objects';
import { allowOnly, int, list, mergeMetadata, obj, oneOf, str } from './params';
import type { EmulatorState } from './state';
import {
  allowOnlyAt,
  enumAt,
  expandParam,
  hashAt,
  hashListAt,
  intAt,
  metadataAt,
  strAt,
} from './tax-params';
import { PRESET_TAX_CODE } from './tax-rates';
import { amountAt, buildShippingRate, currencyAt, taxCodeAt } from './shipping-rates';

export const CHECKOUT_EXPANDS = [
  'line_items',
  'payment_intent',
  'discounts.coupon',
  'shipping_cost.shipping_rate',
  'shipping_options.shipping_rate',
];

const CREATE_PARAMS = [
  'automatic_tax',
  'billing_address_collection',
  'cancel_url',
  'client_reference_id',
  'customer_email',
  'discounts',
  'expand',
  'expires_at',
  'line_items',
  'locale',
  'metadata',
  'mode',
  'payment_intent_data',
  'payment_method_types',
  'shipping_address_collection',
  'shipping_options',
  'submit_type',
  'success_url',
  'ui_mode',
];

/** "It can be anywhere from 30 minutes to 24 hours after Checkout Session creation." */
const MIN_LIFETIME_SECONDS = 30 * 60;
export const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const MAX_LINE_ITEMS = 100;
const MAX_SHIPPING_OPTIONS = 5;
const MAX_IMAGES = 8;
const MAX_CLIENT_REFERENCE_ID = 200;
/** Countries Checkout does not offer for shipping (stripe-node's `AllowedCountry`). */
const UNSUPPORTED_COUNTRIES = new Set('AS CX CC CU HM IR KP MH FM NF MP PW SY UM VI'.split(' '));
const LOCALES = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hi-IN',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ParsedLine = {
  spec: LineSpec;
  currency: string;
  taxBehavior: PriceTaxBehavior;
  metadata: Metadata | null;
  productMetadata: Metadata;
};

export type SessionInput = {
  lines: ParsedLine[];
  currency: string;
  shippingRates: ShippingRate[];
  allowedCountries: string[] | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  paymentIntentData: PaymentIntentData;
  successUrl: string | null;
  cancelUrl: string | null;
  expiresAt: number;
  automaticTax: boolean;
  coupon: Coupon | null;
  locale: string | null;
  billingAddressCollection: 'auto' | 'required' | null;
  submitType: 'auto' | 'book' | 'donate' | 'pay' | null;
  expand: string[];
};

function boolAt(params: Params, key: string, path: string): boolean | undefined {
  const value = strAt(params, key, path);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw invalidParam(`Invalid boolean: ${value}`, path, 'parameter_invalid_boolean');
  }
  return value === 'true';
}

function stringListAt(params: Params, key: string, path: string): string[] | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidParam(`Invalid array: ${path}`, path);
  }
  return value as string[];
}

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

function emailAt(params: Params, key: string, path: string): string | null {
  const value = strAt(params, key, path);
  if (!value) return null;
  if (!isEmail(value)) {
    throw invalidParam(`Invalid email address: ${value}`, path, 'email_invalid');
  }
  return value;
}

function urlParam(params: Params, name: string): string | null {
  const value = str(params, name);
  if (!value) return null;
  let url: URL;
  try {
    // `{CHECKOUT_SESSION_ID}` is a template Stripe fills in, not part of the URL.
    url = new URL(value.replaceAll('{CHECKOUT_SESSION_ID}', 'cs'));
  } catch {
    throw invalidParam('Not a valid URL', name, 'url_invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidParam('Not a valid URL', name, 'url_invalid');
  }
  return value;
}

function mode(params: Params): void {
  const value = oneOf(params, 'mode', ['payment', 'setup', 'subscription'] as const);
  if (!value) throw missingParam('mode');
  if (value === 'payment') return;
  const items = hashListAt(params, 'line_items') ?? [];
  const recurring = items.some((item) => {
    const data = item.price_data;
    return typeof data === 'object' && !Array.isArray(data) && data.recurring !== undefined;
  });
  if (value === 'subscription' && !recurring) {
    throw invalidParam(
      'You must provide at least one recurring price in `subscription` mode when using prices.',
      'mode',
    );
  }
  // Stripe has these modes; the emulator has no Subscriptions or SetupIntents.
  throw invalidParam(
    `The Stripe emulator supports Checkout Sessions in payment mode only, not mode=${value}.`,
    'mode',
  );
}

function productData(
  params: Params,
  path: string,
): Pick<LineSpec, 'name' | 'description' | 'images' | 'taxCode'> & { metadata: Metadata } {
  allowOnlyAt(
    params,
    ['description', 'images', 'metadata', 'name', 'tax_code', 'unit_label'],
    path,
  );
  const name = strAt(params, 'name', `${path}[name]`);
  if (!name) throw missingParam(`${path}[name]`);
  const images = stringListAt(params, 'images', `${path}[images]`) ?? [];
  if (images.length > MAX_IMAGES) {
    throw invalidParam(`You can pass up to ${MAX_IMAGES} images.`, `${path}[images]`);
  }
  return {
    name,
    description: strAt(params, 'description', `${path}[description]`) || null,
    images,
    taxCode: taxCodeAt(params, 'tax_code', `${path}[tax_code]`) ?? PRESET_TAX_CODE,
    metadata: metadataAt(params) ?? {},
  };
}

function unitAmount(data: Params, path: string): number {
  const decimal = strAt(data, 'unit_amount_decimal', `${path}[unit_amount_decimal]`);
  if (decimal !== undefined) {
    if (data.unit_amount !== undefined) {
      throw invalidParam(
        'You may only specify one of these parameters: unit_amount, unit_amount_decimal.',
        `${path}[unit_amount]`,
      );
    }
    // The emulator charges whole minor units only.
    if (!/^\d+(\.0+)?$/.test(decimal)) {
      throw invalidParam(
        'The Stripe emulator supports whole amounts only in unit_amount_decimal.',
        `${path}[unit_amount_decimal]`,
      );
    }
    return Number.parseInt(decimal, 10);
  }
  if (data.unit_amount === undefined) throw missingParam(`${path}[unit_amount]`);
  return amountAt(data, 'unit_amount', `${path}[unit_amount]`);
}

function lineItem(item: Params, index: number): ParsedLine {
  const path = `line_items[${index}]`;
  allowOnlyAt(item, ['metadata', 'price', 'price_data', 'quantity'], path);
  const price = strAt(item, 'price', `${path}[price]`);
  // The emulator keeps no Prices: any price id is unknown to it.
  if (price) throw missingReference('price', price, `${path}[price]`);
  const base = `${path}[price_data]`;
  const data = hashAt(item, 'price_data', base);
  if (!data) {
    throw invalidParam(
      `You must specify either \`price\` or \`price_data\` in ${path}.`,
      base,
      'parameter_missing',
    );
  }
  allowOnlyAt(
    data,
    [
      'currency',
      'product',
      'product_data',
      'recurring',
      'tax_behavior',
      'unit_amount',
      'unit_amount_decimal',
    ],
    base,
  );
  if (data.recurring !== undefined) {
    throw invalidParam(
      'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
      `${base}[recurring]`,
    );
  }
  const currency = currencyAt(data, 'currency', `${base}[currency]`);
  const product = strAt(data, 'product', `${base}[product]`);
  if (product) throw missingReference('product', product, `${base}[product]`);
  const productParams = hashAt(data, 'product_data', `${base}[product_data]`);
  if (!productParams) {
    throw invalidParam(
      'You must specify either `product` or `product_data` when creating a price.',
      `${base}[product_data]`,
      'parameter_missing',
    );
  }
  const productInfo = productData(productParams, `${base}[product_data]`);
  const amount = unitAmount(data, base);
  const taxBehavior =
    enumAt(data, 'tax_behavior', `${base}[tax_behavior]`, [
      'exclusive',
      'inclusive',
      'unspecified',
    ] as const) ?? 'unspecified';
  const quantity = intAt(item, 'quantity', `${path}[quantity]`);
  if (quantity === undefined) {
    throw invalidParam(
      `Quantity is required. Add \`quantity\` to \`${path}\``,
      `${path}[quantity]`,
      'parameter_missing',
    );
  }
  if (quantity < 1) {
    throw invalidParam(
      'Invalid positive integer',
      `${path}[quantity]`,
      'parameter_invalid_integer',
    );
  }
  return {
    spec: {
      name: productInfo.name,
      description: productInfo.description,
      images: productInfo.images,
      unitAmount: amount,
      quantity,
      taxCode: productInfo.taxCode,
      inclusive: isInclusive(taxBehavior),
    },
    currency,
    taxBehavior,
    metadata: metadataAt(item) ?? null,
    productMetadata: productInfo.metadata,
  };
}

function lineItems(params: Params): ParsedLine[] {
  const items = hashListAt(params, 'line_items');
  if (!items || items.length === 0) throw missingParam('line_items');
  if (items.length > MAX_LINE_ITEMS) {
    throw invalidParam(`You can pass up to ${MAX_LINE_ITEMS} line items.`, 'line_items');
  }
  const lines = items.map(lineItem);
  lines.forEach((line, i) => {
    if (line.currency !== lines[0]!.currency) {
      throw invalidParam(
        `All line items of a Checkout Session must have the same currency: line_items[0] is in ${lines[0]!.currency} and line_items[${i}] in ${line.currency}.`,
        `line_items[${i}][price_data][currency]`,
      );
    }
  });
  return lines;
}

function shippingOptions(state: EmulatorState, params: Params, currency: string): ShippingRate[] {
  const options = hashListAt(params, 'shipping_options');
  if (!options) return [];
  if (options.length > MAX_SHIPPING_OPTIONS) {
    throw invalidParam(
      `You can pass up to ${MAX_SHIPPING_OPTIONS} shipping options.`,
      'shipping_options',
    );
  }
  return options.map((option, i) => {
    const path = `shipping_options[${i}]`;
    allowOnlyAt(option, ['shipping_rate', 'shipping_rate_data'], path);
    const id = strAt(option, 'shipping_rate', `${path}[shipping_rate]`);
    const data = hashAt(option, 'shipping_rate_data', `${path}[shipping_rate_data]`);
    if (id && data) {
      throw invalidParam(
        'You may only specify one of these parameters: shipping_rate, shipping_rate_data.',
        `${path}[shipping_rate]`,
      );
    }
    if (!id && !data) {
      throw invalidParam(
        `You must specify either \`shipping_rate\` or \`shipping_rate_data\` in ${path}.`,
        `${path}[shipping_rate_data]`,
        'parameter_missing',
      );
    }
    const existing = id ? state.shippingRates.get(id) : undefined;
    if (id && !existing) throw missingReference('shipping_rate', id, `${path}[shipping_rate]`);
    const rate = existing ?? buildShippingRate(state, data!, `${path}[shipping_rate_data]`);
    if (rate.fixed_amount.currency !== currency) {
      throw invalidParam(
        `The shipping rate's currency (${rate.fixed_amount.currency}) must match the currency of the line items (${currency}).`,
        id ? `${path}[shipping_rate]` : `${path}[shipping_rate_data][fixed_amount][currency]`,
      );
    }
    return rate;
  });
}

function allowedCountries(params: Params): string[] | null {
  const value = hashAt(params, 'shipping_address_collection', 'shipping_address_collection');
  if (!value) return null;
  allowOnlyAt(value, ['allowed_countries'], 'shipping_address_collection');
  const path = 'shipping_address_collection[allowed_countries]';
  const countries = stringListAt(value, 'allowed_countries', path);
  if (!countries || countries.length === 0) throw missingParam(path);
  countries.forEach((country, i) => {
    if (!/^[A-Z]{2}$/.test(country) || UNSUPPORTED_COUNTRIES.has(country)) {
      throw invalidParam(
        `Invalid ${path}[${i}]: ${country} is not a country Checkout can ship to.`,
        `${path}[${i}]`,
      );
    }
  });
  return [...new Set(countries)];
}

function paymentIntentData(params: Params): PaymentIntentData {
  const path = 'payment_intent_data';
  const value = hashAt(params, path, path);
  if (!value)
    return { metadata: {}, description: null, receiptEmail: null, statementDescriptorSuffix: null };
  allowOnlyAt(
    value,
    ['description', 'metadata', 'receipt_email', 'statement_descriptor_suffix'],
    path,
  );
  const suffix = strAt(
    value,
    'statement_descriptor_suffix',
    `${path}[statement_descriptor_suffix]`,
  );
  if (suffix && suffix.length > 22) {
    throw invalidParam(
      'The statement descriptor suffix can have up to 22 characters.',
      `${path}[statement_descriptor_suffix]`,
    );
  }
  return {
    metadata: metadataAt(value) ?? {},
    description: strAt(value, 'description', `${path}[description]`) || null,
    receiptEmail: emailAt(value, 'receipt_email', `${path}[receipt_email]`),
    statementDescriptorSuffix: suffix || null,
  };
}

function expiresAt(state: EmulatorState, params: Params): number {
  const now = state.clock.now();
  const value = int(params, 'expires_at');
  if (value === undefined) return now + MAX_LIFETIME_SECONDS;
  if (value - now < MIN_LIFETIME_SECONDS) {
    throw invalidParam(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      'expires_at',
    );
  }
  if (value - now > MAX_LIFETIME_SECONDS) {
    throw invalidParam(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      'expires_at',
    );
  }
  return value;
}

function automaticTax(params: Params): boolean {
  const value = obj(params, 'automatic_tax');
  if (!value) return false;
  allowOnlyAt(value, ['enabled', 'liability'], 'automatic_tax');
  const enabled = boolAt(value, 'enabled', 'automatic_tax[enabled]');
  if (enabled === undefined) throw missingParam('automatic_tax[enabled]');
  const liability = hashAt(value, 'liability', 'automatic_tax[liability]');
  if (liability) {
    allowOnlyAt(liability, ['account', 'type'], 'automatic_tax[liability]');
    const type = enumAt(liability, 'type', 'automatic_tax[liability][type]', [
      'account',
      'self',
    ] as const);
    if (!type) throw missingParam('automatic_tax[liability][type]');
    // The emulator has no connected accounts to make liable.
    if (type === 'account') {
      throw invalidParam(
        'The Stripe emulator has no connected accounts: automatic_tax[liability][type] can only be self.',
        'automatic_tax[liability][type]',
      );
    }
  }
  return enabled;
}

function discount(state: EmulatorState, params: Params, currency: string): Coupon | null {
  const discounts = hashListAt(params, 'discounts');
  if (!discounts || discounts.length === 0) return null;
  if (discounts.length > 1) {
    throw invalidParam('You may only specify one discount for a Checkout Session.', 'discounts');
  }
  const entry = discounts[0]!;
  allowOnlyAt(entry, ['coupon', 'promotion_code'], 'discounts[0]');
  const code = strAt(entry, 'promotion_code', 'discounts[0][promotion_code]');
  // The emulator keeps no promotion codes.
  if (code) throw missingReference('promotion_code', code, 'discounts[0][promotion_code]');
  const id = strAt(entry, 'coupon', 'discounts[0][coupon]');
  if (!id) throw missingParam('discounts[0][coupon]');
  const found = state.coupons.get(id);
  if (!found) throw missingReference('coupon', id, 'discounts[0][coupon]');
  const coupon = refreshValidity(state, found);
  if (!coupon.valid) {
    throw invalidParam(
      `The coupon ${id} is no longer valid.`,
      'discounts[0][coupon]',
      'coupon_expired',
    );
  }
  if (coupon.amount_off !== null && coupon.currency !== currency) {
    throw invalidParam(
      `The coupon ${id} is in ${coupon.currency}, but this Checkout Session is in ${currency}.`,
      'discounts[0][coupon]',
    );
  }
  return coupon;
}

function paymentMethodTypes(params: Params): void {
  const types = list(params, 'payment_method_types');
  for (const type of types ?? []) {
    if (type !== 'card') {
      throw invalidParam(
        `The payment method type provided: ${type} is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use.`,
        'payment_method_types',
      );
    }
  }
}

export function sessionInput(state: EmulatorState, params: Params): SessionInput {
  allowOnly(params, CREATE_PARAMS);
  const expand = expandParam(params, CHECKOUT_EXPANDS);
  mode(params);
  oneOf(params, 'ui_mode', ['hosted_page'] as const);
  const lines = lineItems(params);
  const currency = lines[0]!.currency;
  const clientReferenceId = str(params, 'client_reference_id') || null;
  if (clientReferenceId && clientReferenceId.length > MAX_CLIENT_REFERENCE_ID) {
    throw invalidParam(
      `client_reference_id can have up to ${MAX_CLIENT_REFERENCE_ID} characters.`,
      'client_reference_id',
    );
  }
  paymentMethodTypes(params);
  return {
    lines,
    currency,
    shippingRates: shippingOptions(state, params, currency),
    allowedCountries: allowedCountries(params),
    customerEmail: emailAt(params, 'customer_email', 'customer_email'),
    clientReferenceId,
    metadata: mergeMetadata({}, params),
    paymentIntentData: paymentIntentData(params),
    successUrl: urlParam(params, 'success_url'),
    cancelUrl: urlParam(params, 'cancel_url'),
    expiresAt: expiresAt(state, params),
    automaticTax: automaticTax(params),
    coupon: discount(state, params, currency),
    locale: oneOf(params, 'locale', LOCALES) ?? null,
    billingAddressCollection:
      oneOf(params, 'billing_address_collection', ['auto', 'required'] as const) ?? null,
    submitType: oneOf(params, 'submit_type', ['auto', 'book', 'donate', 'pay'] as const) ?? null,
    expand,
  };
}
