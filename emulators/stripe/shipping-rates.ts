/**
 * Shipping rates: `POST /v1/shipping_rates`, `GET /v1/shipping_rates/:id`,
 * and the same parameters inline as a Checkout Session's
 * `shipping_options[][shipping_rate_data]`, which Stripe turns into a
 * `shr_` object of its own (docs.stripe.com/payments/checkout/shipping).
 * Only `fixed_amount` rates exist, as in Stripe's API.
 */
import { invalidParam, missingParam, notFound } from './errors';
import type { DeliveryEstimateBound, ShippingRate } from './checkout-objects';
import type { Params } from './form';
import { newId } from './ids';
import { allowOnly } from './params';
import { CURRENCIES, MAX_AMOUNT } from './payment-intents';
import type { EmulatorState } from './state';
import { allowOnlyAt, enumAt, hashAt, metadataAt, requiredIntAt, strAt } from './tax-params';
import { productClassOf } from './tax-rates';

const UNITS = ['business_day', 'day', 'hour', 'month', 'week'] as const;
const BEHAVIORS = ['exclusive', 'inclusive', 'unspecified'] as const;
const MAX_DISPLAY_NAME = 100;

/** `a[b]` for a nested key, or just `b` at the top level. */
const at = (path: string, key: string) => (path ? `${path}[${key}]` : key);

/** A non-negative integer amount within Stripe's maximum. */
export function amountAt(params: Params, key: string, path: string): number {
  const value = requiredIntAt(params, key, path);
  if (value < 0) {
    throw invalidParam('Invalid non-negative integer', path, 'parameter_invalid_integer');
  }
  if (value > MAX_AMOUNT) {
    throw invalidParam(`Amount must be no more than ${MAX_AMOUNT}`, path, 'amount_too_large');
  }
  return value;
}

export function currencyAt(params: Params, key: string, path: string): string {
  const value = strAt(params, key, path);
  if (!value) throw missingParam(path);
  const currency = value.toLowerCase();
  if (!CURRENCIES.includes(currency)) {
    throw invalidParam(
      `Invalid currency: ${value}. Stripe currently supports these currencies: ${CURRENCIES.join(', ')}`,
      path,
    );
  }
  return currency;
}

/** A product tax code the emulator's tax table knows (README "Stripe Tax"), or none. */
export function taxCodeAt(params: Params, key: string, path: string): string | null {
  const code = strAt(params, key, path);
  if (!code) return null;
  if (!productClassOf(code)) throw invalidParam(`Invalid tax code: ${code}`, path);
  return code;
}

function bound(params: Params | undefined, path: string): DeliveryEstimateBound | null {
  if (!params) return null;
  allowOnlyAt(params, ['unit', 'value'], path);
  const unit = enumAt(params, 'unit', `${path}[unit]`, UNITS);
  if (!unit) throw missingParam(`${path}[unit]`);
  const value = requiredIntAt(params, 'value', `${path}[value]`);
  if (value <= 0) {
    throw invalidParam('Invalid positive integer', `${path}[value]`, 'parameter_invalid_integer');
  }
  return { unit, value };
}

function deliveryEstimate(params: Params, path: string): ShippingRate['delivery_estimate'] {
  const value = hashAt(params, 'delivery_estimate', at(path, 'delivery_estimate'));
  if (!value) return null;
  const base = at(path, 'delivery_estimate');
  allowOnlyAt(value, ['maximum', 'minimum'], base);
  return {
    maximum: bound(hashAt(value, 'maximum', `${base}[maximum]`), `${base}[maximum]`),
    minimum: bound(hashAt(value, 'minimum', `${base}[minimum]`), `${base}[minimum]`),
  };
}

function fixedAmount(params: Params, path: string): ShippingRate['fixed_amount'] {
  const base = at(path, 'fixed_amount');
  const value = hashAt(params, 'fixed_amount', base);
  if (!value) throw missingParam(base);
  allowOnlyAt(value, ['amount', 'currency'], base);
  return {
    amount: amountAt(value, 'amount', `${base}[amount]`),
    currency: currencyAt(value, 'currency', `${base}[currency]`),
  };
}

/**
 * A shipping rate from its parameters, not yet stored: a Checkout Session
 * keeps its rates only once every other parameter passed. `path` names the
 * parameters in errors (`shipping_options[0][shipping_rate_data]`, or '' at
 * the top level).
 */
export function buildShippingRate(
  state: EmulatorState,
  params: Params,
  path: string,
): ShippingRate {
  const keys = [
    'delivery_estimate',
    'display_name',
    'fixed_amount',
    'metadata',
    'tax_behavior',
    'tax_code',
    'type',
  ];
  if (path) allowOnlyAt(params, keys, path);
  else allowOnly(params, [...keys, 'expand']);
  const displayName = strAt(params, 'display_name', at(path, 'display_name'));
  if (!displayName) throw missingParam(at(path, 'display_name'));
  if (displayName.length > MAX_DISPLAY_NAME) {
    throw invalidParam(
      `display_name can have up to ${MAX_DISPLAY_NAME} characters.`,
      at(path, 'display_name'),
    );
  }
  enumAt(params, 'type', at(path, 'type'), ['fixed_amount'] as const);
  const rate: ShippingRate = {
    id: newId('shr'),
    object: 'shipping_rate',
    active: true,
    created: state.clock.now(),
    delivery_estimate: deliveryEstimate(params, path),
    display_name: displayName,
    fixed_amount: fixedAmount(params, path),
    livemode: false,
    metadata: metadataAt(params) ?? {},
    tax_behavior:
      enumAt(params, 'tax_behavior', at(path, 'tax_behavior'), BEHAVIORS) ?? 'unspecified',
    tax_code: taxCodeAt(params, 'tax_code', at(path, 'tax_code')),
    type: 'fixed_amount',
  };
  return rate;
}

export function createShippingRate(state: EmulatorState, params: Params): ShippingRate {
  const rate = buildShippingRate(state, params, '');
  state.shippingRates.set(rate.id, rate);
  return rate;
}

export function retrieveShippingRate(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand']);
  const rate = state.shippingRates.get(id);
  if (!rate) throw notFound('shipping_rate', id);
  return rate;
}

/** The delivery estimate in words, for "3–5 business days" on the hosted page. */
export function describeEstimate(rate: ShippingRate): string | null {
  const estimate = rate.delivery_estimate;
  if (!estimate || (!estimate.minimum && !estimate.maximum)) return null;
  const label = (b: DeliveryEstimateBound) =>
    `${b.unit.replace('_', ' ')}${b.value === 1 ? '' : 's'}`;
  const { minimum, maximum } = estimate;
  if (minimum && maximum) {
    if (minimum.unit === maximum.unit) return `${minimum.value}–${maximum.value} ${label(maximum)}`;
    return `${minimum.value} ${label(minimum)} – ${maximum.value} ${label(maximum)}`;
  }
  const only = (minimum ?? maximum)!;
  return `${minimum ? 'at least' : 'up to'} ${only.value} ${label(only)}`;
}
