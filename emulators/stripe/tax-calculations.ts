/**
 * Tax Calculations: `POST /v1/tax/calculations`, `GET /v1/tax/calculations/:id`
 * and `GET /v1/tax/calculations/:id/line_items`, with the rates of
 * `tax-rates.ts`. A calculation expires 90 days after it is made
 * (docs.stripe.com/api/tax/transactions/create_from_calculation).
 */
import { invalidParam, missingParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { newId } from './ids';
import type { Address } from './objects';
import { addressParam, allowOnly, int, obj, requiredStr, str } from './params';
import { paginate, type EmulatorState } from './state';
import { mergeBreakdowns, taxAmount, type Taxed } from './tax-compute';
import { locationInvalid, resolveLocation, type TaxLocation } from './tax-location';
import type {
  CalculationLineItem,
  CustomerDetails,
  StoredCalculation,
  TaxBehavior,
  TaxCalculation,
} from './tax-objects';
import {
  allowOnlyAt,
  enumAt,
  expandParam,
  hashAt,
  hashListAt,
  intAt,
  metadataAt,
  requiredIntAt,
  strAt,
} from './tax-params';
import { PRESET_SHIPPING_TAX_CODE, PRESET_TAX_CODE, productClassOf } from './tax-rates';
import { calculationView, lineItemView } from './tax-views';

export const CALCULATION_LIFETIME_SECONDS = 90 * 24 * 60 * 60;
/** How far `tax_date` may be from now: 31 days either way. */
const TAX_DATE_WINDOW_SECONDS = 31 * 24 * 60 * 60;
const MAX_LINE_ITEMS = 100;
const BEHAVIORS = ['exclusive', 'inclusive'] as const;
const OVERRIDES = ['none', 'customer_exempt', 'reverse_charge'] as const;

const CREATE_PARAMS = [
  'currency',
  'line_items',
  'customer',
  'customer_details',
  'expand',
  'ship_from_details',
  'shipping_cost',
  'tax_date',
];
const CALCULATION_EXPANDS = [
  'line_items',
  'line_items.data.tax_breakdown',
  'shipping_cost.tax_breakdown',
];

type LineInput = {
  amount: number;
  reference: string;
  quantity: number;
  taxBehavior: TaxBehavior;
  taxCode: string;
  metadata: CalculationLineItem['metadata'];
};

function taxCodeAt(params: Params, path: string, preset: string): string {
  const code = strAt(params, 'tax_code', path) ?? preset;
  // The emulator knows only the codes in its table; any other is refused.
  if (!productClassOf(code)) throw invalidParam(`Invalid tax code: ${code}`, path);
  return code;
}

function lineInput(params: Params, index: number): LineInput {
  const path = `line_items[${index}]`;
  allowOnlyAt(
    params,
    [
      'amount',
      'metadata',
      'performance_location',
      'product',
      'quantity',
      'reference',
      'tax_behavior',
      'tax_code',
    ],
    path,
  );
  const amount = requiredIntAt(params, 'amount', `${path}[amount]`);
  if (amount < 0)
    throw invalidParam('Invalid positive integer', `${path}[amount]`, 'parameter_invalid_integer');
  const quantity = intAt(params, 'quantity', `${path}[quantity]`) ?? 1;
  if (quantity < 1)
    throw invalidParam(
      'Invalid positive integer',
      `${path}[quantity]`,
      'parameter_invalid_integer',
    );
  const product = strAt(params, 'product', `${path}[product]`);
  // The emulator keeps no Products, so any product named is unknown to it.
  if (product) throw notFound('product', product, `${path}[product]`);
  return {
    amount,
    reference: strAt(params, 'reference', `${path}[reference]`) ?? `L${index + 1}`,
    quantity,
    taxBehavior: enumAt(params, 'tax_behavior', `${path}[tax_behavior]`, BEHAVIORS) ?? 'exclusive',
    taxCode: taxCodeAt(params, `${path}[tax_code]`, PRESET_TAX_CODE),
    metadata: metadataAt(params) ?? null,
  };
}

function lineInputs(params: Params): LineInput[] {
  const items = hashListAt(params, 'line_items');
  if (!items || items.length === 0) throw missingParam('line_items');
  if (items.length > MAX_LINE_ITEMS) {
    throw invalidParam(`You can pass up to ${MAX_LINE_ITEMS} line items.`, 'line_items');
  }
  const lines = items.map(lineInput);
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.reference)) {
      throw invalidParam(
        `The reference '${line.reference}' is used by more than one line item; line item references must be unique within a calculation.`,
        `line_items[${i}][reference]`,
      );
    }
    seen.add(line.reference);
  });
  return lines;
}

type ShippingInput = { amount: number; taxBehavior: TaxBehavior; taxCode: string };

function shippingInput(params: Params): ShippingInput | null {
  const value = hashAt(params, 'shipping_cost', 'shipping_cost');
  if (!value) return null;
  allowOnlyAt(value, ['amount', 'shipping_rate', 'tax_behavior', 'tax_code'], 'shipping_cost');
  const rate = strAt(value, 'shipping_rate', 'shipping_cost[shipping_rate]');
  // The emulator keeps no ShippingRates.
  if (rate) throw notFound('shipping_rate', rate, 'shipping_cost[shipping_rate]');
  const amount = requiredIntAt(value, 'amount', 'shipping_cost[amount]');
  if (amount < 0)
    throw invalidParam(
      'Invalid positive integer',
      'shipping_cost[amount]',
      'parameter_invalid_integer',
    );
  return {
    amount,
    taxBehavior:
      enumAt(value, 'tax_behavior', 'shipping_cost[tax_behavior]', BEHAVIORS) ?? 'exclusive',
    taxCode: taxCodeAt(value, 'shipping_cost[tax_code]', PRESET_SHIPPING_TAX_CODE),
  };
}

function taxIds(value: Params): CustomerDetails['tax_ids'] {
  const ids = hashListAt(value, 'tax_ids') ?? [];
  return ids.map((id, i) => {
    const path = `customer_details[tax_ids][${i}]`;
    allowOnlyAt(id, ['type', 'value'], path);
    const type = strAt(id, 'type', `${path}[type]`);
    const taxIdValue = strAt(id, 'value', `${path}[value]`);
    if (!type) throw missingParam(`${path}[type]`);
    if (!taxIdValue) throw missingParam(`${path}[value]`);
    return { type, value: taxIdValue };
  });
}

function customerDetails(params: Params): CustomerDetails {
  const customer = str(params, 'customer');
  // The emulator keeps no Customers to take an address from.
  if (customer) throw notFound('customer', customer, 'customer');
  const value = obj(params, 'customer_details');
  if (!value) throw missingParam('customer_details');
  allowOnlyAt(
    value,
    ['address', 'address_source', 'ip_address', 'tax_ids', 'taxability_override'],
    'customer_details',
  );
  const ipAddress = strAt(value, 'ip_address', 'customer_details[ip_address]') ?? null;
  const addressValue = hashAt(value, 'address', 'customer_details[address]');
  // Stripe can place an IP address; the emulator cannot, so it needs the address.
  if (!addressValue && ipAddress) throw locationInvalid();
  if (!addressValue) throw missingParam('customer_details[address]');
  const address = addressParam(addressValue, 'customer_details');
  if (!address.country) throw missingParam('customer_details[address][country]');
  return {
    address,
    address_source:
      enumAt(value, 'address_source', 'customer_details[address_source]', [
        'billing',
        'shipping',
      ] as const) ?? null,
    ip_address: ipAddress,
    tax_ids: taxIds(value),
    taxability_override:
      enumAt(value, 'taxability_override', 'customer_details[taxability_override]', OVERRIDES) ??
      'none',
  };
}

function shipFrom(params: Params): TaxCalculation['ship_from_details'] {
  const value = obj(params, 'ship_from_details');
  if (!value) return null;
  allowOnlyAt(value, ['address'], 'ship_from_details');
  const address: Address = addressParam(
    hashAt(value, 'address', 'ship_from_details[address]'),
    'ship_from_details',
  );
  if (!address.country) throw missingParam('ship_from_details[address][country]');
  return { address };
}

function taxDate(now: number, params: Params): number {
  const date = int(params, 'tax_date') ?? now;
  if (Math.abs(date - now) > TAX_DATE_WINDOW_SECONDS) {
    throw invalidParam(
      'tax_date must be within 31 days in the past or 31 days in the future.',
      'tax_date',
    );
  }
  return date;
}

function currencyParam(params: Params): string {
  const currency = requiredStr(params, 'currency');
  if (!/^[a-zA-Z]{3}$/.test(currency)) {
    throw invalidParam(`Invalid currency: ${currency}`, 'currency');
  }
  return currency.toLowerCase();
}

type Rated = { input: LineInput; taxed: Taxed };

function rateLines(lines: LineInput[], location: TaxLocation, details: CustomerDetails): Rated[] {
  return lines.map((input) => ({
    input,
    taxed: taxAmount({
      location,
      override: details.taxability_override,
      taxCode: input.taxCode,
      amount: input.amount,
      inclusive: input.taxBehavior === 'inclusive',
    }),
  }));
}

function storeCalculation(
  state: EmulatorState,
  calculation: TaxCalculation,
  rated: Rated[],
  shipping: Taxed | null,
): StoredCalculation {
  const lineItems: CalculationLineItem[] = rated.map(({ input, taxed }) => ({
    id: newId('tax_li'),
    object: 'tax.calculation_line_item',
    amount: input.amount,
    amount_tax: taxed.tax,
    livemode: false,
    metadata: input.metadata,
    performance_location: null,
    product: null,
    quantity: input.quantity,
    reference: input.reference,
    tax_behavior: input.taxBehavior,
    tax_code: input.taxCode,
  }));
  const stored: StoredCalculation = {
    calculation,
    lineItems,
    lineBreakdowns: new Map(lineItems.map((line, i) => [line.id, [rated[i]!.taxed.detail]])),
    shippingBreakdown: shipping ? [shipping.detail] : null,
    transaction: null,
  };
  state.taxCalculations.set(calculation.id, stored);
  return stored;
}

export function createCalculation(state: EmulatorState, params: Params) {
  // One reading of the clock: tax_date defaults to it and expires_at counts from it.
  const now = state.clock.now();
  allowOnly(params, CREATE_PARAMS);
  const expand = expandParam(params, CALCULATION_EXPANDS);
  const currency = currencyParam(params);
  const lines = lineInputs(params);
  const shippingIn = shippingInput(params);
  const details = customerDetails(params);
  const shipFromDetails = shipFrom(params);
  const date = taxDate(now, params);
  const location = resolveLocation(details.address);

  const rated = rateLines(lines, location, details);
  const shipping = shippingIn
    ? taxAmount({
        location,
        override: details.taxability_override,
        taxCode: shippingIn.taxCode,
        amount: shippingIn.amount,
        inclusive: shippingIn.taxBehavior === 'inclusive',
      })
    : null;
  const amounts = [
    ...rated.map((r) => ({
      amount: r.input.amount,
      inclusive: r.input.taxBehavior === 'inclusive',
      tax: r.taxed.tax,
    })),
    ...(shippingIn && shipping
      ? [
          {
            amount: shippingIn.amount,
            inclusive: shippingIn.taxBehavior === 'inclusive',
            tax: shipping.tax,
          },
        ]
      : []),
  ];
  const exclusiveTax = amounts.filter((a) => !a.inclusive).reduce((sum, a) => sum + a.tax, 0);
  const inclusiveTax = amounts.filter((a) => a.inclusive).reduce((sum, a) => sum + a.tax, 0);
  const calculation: TaxCalculation = {
    id: newId('taxcalc'),
    object: 'tax.calculation',
    amount_total: amounts.reduce((sum, a) => sum + a.amount, 0) + exclusiveTax,
    currency,
    customer: null,
    customer_details: details,
    expires_at: now + CALCULATION_LIFETIME_SECONDS,
    livemode: false,
    ship_from_details: shipFromDetails,
    shipping_cost:
      shippingIn && shipping
        ? {
            amount: shippingIn.amount,
            amount_tax: shipping.tax,
            tax_behavior: shippingIn.taxBehavior,
            tax_code: shippingIn.taxCode,
          }
        : null,
    tax_amount_exclusive: exclusiveTax,
    tax_amount_inclusive: inclusiveTax,
    tax_breakdown: mergeBreakdowns([
      ...rated.map((r) => r.taxed.breakdown),
      ...(shipping ? [shipping.breakdown] : []),
    ]),
    tax_date: date,
  };
  return calculationView(storeCalculation(state, calculation, rated, shipping), expand);
}

/** A calculation that may still be used; Stripe forgets expired ones. */
export function findCalculation(state: EmulatorState, id: string, param = 'id'): StoredCalculation {
  const stored = state.taxCalculations.get(id);
  if (!stored || stored.calculation.expires_at <= state.clock.now()) {
    throw notFound('tax calculation', id, param);
  }
  return stored;
}

export function calculationExpired(state: EmulatorState, stored: StoredCalculation): boolean {
  return stored.calculation.expires_at <= state.clock.now();
}

export function retrieveCalculation(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand']);
  return calculationView(findCalculation(state, id), expandParam(params, CALCULATION_EXPANDS));
}

export function listCalculationLineItems(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand', 'limit', 'starting_after', 'ending_before']);
  const stored = findCalculation(state, id);
  const withBreakdown = expandParam(params, ['data.tax_breakdown']).length > 0;
  const lines = stored.lineItems.map((line) => lineItemView(stored, line, withBreakdown));
  // Line items keep the order they were given in; `paginate` lists newest first.
  return paginate(
    [...lines].reverse(),
    `/v1/tax/calculations/${id}/line_items`,
    int(params, 'limit'),
    str(params, 'starting_after'),
  );
}

export function expiredCalculationError(id: string): StripeApiError {
  return new StripeApiError(
    400,
    'invalid_request_error',
    `The calculation ${id} has expired and can no longer be used to create a transaction.`,
    { param: 'calculation' },
  );
}
