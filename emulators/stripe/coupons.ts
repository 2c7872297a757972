/**
 * Coupons: `POST /v1/coupons`, `GET /v1/coupons/:id`, `GET /v1/coupons`, so a
 * Checkout Session can carry one discount. A coupon takes `amount_off` (with
 * its `currency`) or `percent_off`, never both (docs.stripe.com/api/coupons/
 * create). `duration` only matters for subscriptions, which the emulator does
 * not have: every duration discounts a one-time payment once.
 */
import { invalidParam, missingParam, notFound, StripeApiError } from './errors';
import type { Coupon } from './checkout-objects';
import type { Params } from './form';
import { couponId } from './ids';
import { allowOnly, int, mergeMetadata, oneOf, str } from './params';
import { CURRENCIES } from './payment-intents';
import { paginate, type EmulatorState } from './state';

const CREATE_PARAMS = [
  'amount_off',
  'currency',
  'duration',
  'duration_in_months',
  'expand',
  'id',
  'max_redemptions',
  'metadata',
  'name',
  'percent_off',
  'redeem_by',
];
const MAX_NAME_LENGTH = 40;

/** `percent_off` is a float larger than 0 and at most 100, with up to two decimals. */
function percentOff(params: Params): number | undefined {
  const value = str(params, 'percent_off');
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(value)) {
    throw invalidParam(`Invalid decimal: ${value}`, 'percent_off', 'parameter_invalid');
  }
  const percent = Number(value);
  if (percent <= 0 || percent > 100) {
    throw invalidParam(
      'percent_off must be greater than 0 and less than or equal to 100.',
      'percent_off',
    );
  }
  return percent;
}

function positive(params: Params, name: string): number | undefined {
  const value = int(params, name);
  if (value !== undefined && value <= 0) {
    throw invalidParam('Invalid positive integer', name, 'parameter_invalid_integer');
  }
  return value;
}

function discountOf(params: Params): Pick<Coupon, 'amount_off' | 'currency' | 'percent_off'> {
  const amountOff = positive(params, 'amount_off');
  const percent = percentOff(params);
  if (amountOff !== undefined && percent !== undefined) {
    throw invalidParam(
      'You may only specify one of these parameters: amount_off, percent_off.',
      'amount_off',
    );
  }
  if (amountOff === undefined && percent === undefined) {
    throw invalidParam(
      'One of the following params should be provided for this request: amount_off or percent_off.',
      undefined,
      'parameter_missing',
    );
  }
  const currency = str(params, 'currency')?.toLowerCase();
  if (amountOff !== undefined && !currency) throw missingParam('currency');
  if (currency && !CURRENCIES.includes(currency)) {
    throw invalidParam(`Invalid currency: ${currency}`, 'currency');
  }
  return {
    amount_off: amountOff ?? null,
    currency: currency ?? null,
    percent_off: percent ?? null,
  };
}

function idParam(state: EmulatorState, params: Params): string {
  const id = str(params, 'id');
  if (id === undefined) return couponId();
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) throw invalidParam(`Invalid coupon id: ${id}`, 'id');
  if (state.coupons.has(id)) {
    throw new StripeApiError(400, 'invalid_request_error', 'Coupon already exists.', {
      code: 'resource_already_exists',
      param: 'id',
    });
  }
  return id;
}

export function createCoupon(state: EmulatorState, params: Params): Coupon {
  allowOnly(params, CREATE_PARAMS);
  const discount = discountOf(params);
  const duration = oneOf(params, 'duration', ['forever', 'once', 'repeating'] as const) ?? 'once';
  const months = positive(params, 'duration_in_months');
  if (duration === 'repeating' && months === undefined) throw missingParam('duration_in_months');
  if (duration !== 'repeating' && months !== undefined) {
    throw invalidParam(
      'duration_in_months can only be set when duration is repeating.',
      'duration_in_months',
    );
  }
  const name = str(params, 'name') || null;
  if (name && name.length > MAX_NAME_LENGTH) {
    throw invalidParam(`Coupon names can have up to ${MAX_NAME_LENGTH} characters.`, 'name');
  }
  const redeemBy = int(params, 'redeem_by');
  if (redeemBy !== undefined && redeemBy <= state.clock.now()) {
    throw invalidParam('redeem_by must be in the future.', 'redeem_by');
  }
  const coupon: Coupon = {
    id: idParam(state, params),
    object: 'coupon',
    ...discount,
    created: state.clock.now(),
    duration,
    duration_in_months: months ?? null,
    livemode: false,
    max_redemptions: positive(params, 'max_redemptions') ?? null,
    metadata: mergeMetadata({}, params),
    name,
    redeem_by: redeemBy ?? null,
    times_redeemed: 0,
    valid: true,
  };
  state.coupons.set(coupon.id, coupon);
  return coupon;
}

/** `valid` as Stripe defines it: not past `redeem_by`, not redeemed `max_redemptions` times. */
export function refreshValidity(state: EmulatorState, coupon: Coupon): Coupon {
  const expired = coupon.redeem_by !== null && coupon.redeem_by <= state.clock.now();
  const used = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions;
  coupon.valid = !expired && !used;
  return coupon;
}

export function retrieveCoupon(state: EmulatorState, id: string, params: Params): Coupon {
  allowOnly(params, ['expand']);
  const coupon = state.coupons.get(id);
  if (!coupon) throw notFound('coupon', id);
  return refreshValidity(state, coupon);
}

export function listCoupons(state: EmulatorState, params: Params) {
  allowOnly(params, ['created', 'ending_before', 'expand', 'limit', 'starting_after']);
  const coupons = [...state.coupons.values()].map((c) => refreshValidity(state, c));
  return paginate(coupons, '/v1/coupons', int(params, 'limit'), str(params, 'starting_after'));
}

/** A completed payment redeems its session's coupon once. */
export function redeemCoupon(state: EmulatorState, id: string): void {
  const coupon = state.coupons.get(id);
  if (!coupon) return;
  coupon.times_redeemed += 1;
  refreshValidity(state, coupon);
}
