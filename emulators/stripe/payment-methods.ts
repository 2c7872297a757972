import { invalidParam, missingParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { newId, randomString } from './ids';
import type { PaymentMethod } from './objects';
import { allowOnly, billingParam, int, mergeMetadata, obj, requiredStr, str } from './params';
import { aliasedCardNumber, displayBrandOf, passesLuhn, testCard } from './cards';
import type { EmulatorState } from './state';

function cardError(message: string, code: string, param: string) {
  return new StripeApiError(402, 'card_error', message, { code, param });
}

function storeCard(
  state: EmulatorState,
  number: string,
  expMonth: number,
  expYear: number,
  billing: PaymentMethod['billing_details'],
  metadata: PaymentMethod['metadata'],
): PaymentMethod {
  const card = testCard(number);
  const method: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billing,
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: displayBrandOf(card.brand),
      exp_month: expMonth,
      exp_year: expYear,
      fingerprint: randomString(16),
      funding: card.funding,
      generated_from: null,
      last4: number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: null,
      three_d_secure_usage: { supported: card.threeDSecureSupported ?? true },
      wallet: null,
    },
    created: state.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    type: 'card',
  };
  state.paymentMethods.set(method.id, method);
  state.cardNumbers.set(method.id, number);
  return method;
}

/** A payment method from `type=card&card[number]=…` (what Stripe.js sends from its card field). */
export function createPaymentMethod(state: EmulatorState, params: Params): PaymentMethod {
  allowOnly(params, [
    'type',
    'card',
    'billing_details',
    'metadata',
    'key',
    'expand',
    'payment_user_agent',
    'guid',
    'muid',
    'sid',
    'time_on_page',
  ]);
  if (requiredStr(params, 'type') !== 'card') {
    throw invalidParam('The emulator creates card payment methods only: use type=card', 'type');
  }
  const card = obj(params, 'card');
  if (!card) throw missingParam('card');
  allowOnly(card, ['number', 'exp_month', 'exp_year', 'cvc']);
  const number = requiredStr(card, 'number').replace(/\s+/g, '');
  if (!passesLuhn(number))
    throw cardError('Your card number is incorrect.', 'incorrect_number', 'card[number]');
  const expMonth = int(card, 'exp_month');
  if (expMonth === undefined) throw missingParam('card[exp_month]');
  if (expMonth < 1 || expMonth > 12) {
    throw cardError(
      "Your card's expiration month is invalid.",
      'invalid_expiry_month',
      'card[exp_month]',
    );
  }
  const rawYear = int(card, 'exp_year');
  if (rawYear === undefined) throw missingParam('card[exp_year]');
  const expYear = rawYear < 100 ? 2000 + rawYear : rawYear;
  const now = new Date(state.clock.nowMs());
  const nowYear = now.getUTCFullYear();
  if (
    expYear < nowYear ||
    expYear > nowYear + 50 ||
    (expYear === nowYear && expMonth < now.getUTCMonth() + 1)
  ) {
    throw cardError(
      "Your card's expiration year is invalid.",
      'invalid_expiry_year',
      'card[exp_year]',
    );
  }
  const cvc = str(card, 'cvc');
  if (cvc !== undefined && !/^\d{3,4}$/.test(cvc)) {
    throw cardError("Your card's security code is invalid.", 'invalid_cvc', 'card[cvc]');
  }
  return storeCard(
    state,
    number,
    expMonth,
    expYear,
    billingParam(params),
    mergeMetadata({}, params),
  );
}

/**
 * The payment method for an id, or a `pm_card_*` test alias (a new method each
 * time, as Stripe does). A `pm_card_*` Stripe does not define is just an
 * unknown id, so it gets the same `resource_missing` answer.
 */
export function resolvePaymentMethod(
  state: EmulatorState,
  id: string,
  param = 'payment_method',
): PaymentMethod {
  const aliased = aliasedCardNumber(id);
  if (aliased) {
    const year = new Date(state.clock.nowMs()).getUTCFullYear() + 3;
    return storeCard(state, aliased, 12, year, billingParam(undefined), {});
  }
  const method = state.paymentMethods.get(id);
  if (!method) throw notFound('PaymentMethod', id, param);
  return method;
}

export function retrievePaymentMethod(state: EmulatorState, id: string): PaymentMethod {
  const method = state.paymentMethods.get(id);
  if (!method) throw notFound('PaymentMethod', id);
  return method;
}
