/**
 * PaymentIntents: creation, the status machine, confirmation with test cards,
 * 3D Secure, cancellation and capture, with Stripe's validation and messages.
 */
import { createPaymentMethod, resolvePaymentMethod } from './payment-methods';
import { testCard } from './cards';
import { formatAmount } from './format-amount';
import { invalidParam, missingParam, notFound, StripeApiError, unexpectedState } from './errors';
import type { Params } from './form';
import { clientSecretFor, newId } from './ids';
import {
  publishableView,
  type Charge,
  type PaymentIntent,
  type PaymentIntentStatus,
  type PaymentMethod,
} from './objects';
import {
  allowOnly,
  bool,
  int,
  list,
  mergeMetadata,
  obj,
  oneOf,
  requiredStr,
  shippingParam,
  str,
} from './params';
import type { EmulatorState, RequestContext } from './state';
import { commitIntentTax, hookCalculationParam, linkCalculation } from './tax-associations';

export const CURRENCIES = [
  'usd',
  'eur',
  'gbp',
  'jpy',
  'cad',
  'aud',
  'chf',
  'sek',
  'nok',
  'dkk',
  'nzd',
  'sgd',
  'hkd',
  'mxn',
  'brl',
  'pln',
  'czk',
  'inr',
];
const MINIMUM_AMOUNT: Record<string, number> = {
  gbp: 30,
  jpy: 50,
  hkd: 400,
  mxn: 1000,
  sek: 300,
  nok: 300,
  dkk: 250,
  czk: 1500,
  pln: 200,
  inr: 50,
};
export const MAX_AMOUNT = 99_999_999;

/** The smallest amount a payment may charge in a currency (Stripe's minimum charge amounts). */
export function minimumAmount(currency: string): number {
  return MINIMUM_AMOUNT[currency] ?? 50;
}
const MAX_CONFIRM_ATTEMPTS = 10;
const AUTH_FAILED_MESSAGE =
  'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.';

const UPDATABLE: PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
];
/**
 * A calculation may be linked "until it transitions to a succeeded state"
 * (docs.stripe.com/tax/payment-intent); capture takes one too.
 */
const TAX_LINKABLE: PaymentIntentStatus[] = [...UPDATABLE, 'requires_capture'];
/**
 * What an update may change whatever the status: Stripe's own guide stores a
 * tax transaction id in `metadata` after the payment succeeded
 * (docs.stripe.com/tax/custom).
 */
const ANY_STATUS_UPDATES = ['metadata', 'expand'];
const CANCELABLE: PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

function checkAmount(amount: number, currency: string): void {
  const minimum = minimumAmount(currency);
  if (amount < minimum) {
    throw invalidParam(
      `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`,
      'amount',
      'amount_too_small',
    );
  }
  if (amount > MAX_AMOUNT) {
    throw invalidParam(
      `Amount must be no more than ${formatAmount(MAX_AMOUNT, currency)}`,
      'amount',
      'amount_too_large',
    );
  }
}

function checkCurrency(currency: string): string {
  const lower = currency.toLowerCase();
  if (!CURRENCIES.includes(lower)) {
    throw invalidParam(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${CURRENCIES.join(', ')}`,
      'currency',
      'parameter_invalid',
    );
  }
  return lower;
}

export function findIntent(state: EmulatorState, id: string): PaymentIntent {
  const intent = state.paymentIntents.get(id);
  if (!intent) throw notFound('payment_intent', id);
  return intent;
}

/** What a caller may see: everything with a secret key, the documented subset with a publishable one. */
export function viewFor(intent: PaymentIntent, context: RequestContext) {
  return context.auth === 'secret' ? intent : publishableView(intent);
}

/** A publishable key may touch an intent only with its client secret. */
export function checkClientSecret(
  intent: PaymentIntent,
  params: Params,
  context: RequestContext,
): void {
  if (context.auth !== 'publishable') return;
  const secret = str(params, 'client_secret');
  if (!secret) throw missingParam('client_secret');
  if (secret !== intent.client_secret) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `The client_secret provided does not match the client_secret associated with the PaymentIntent.`,
      { code: 'payment_intent_invalid_parameter', param: 'client_secret' },
    );
  }
}

const CREATE_PARAMS = [
  'amount',
  'currency',
  'automatic_payment_methods',
  'payment_method_types',
  'allowed_payment_method_types',
  'metadata',
  'description',
  'receipt_email',
  'shipping',
  'capture_method',
  'payment_method',
  'payment_method_data',
  'payment_method_options',
  'confirm',
  'return_url',
  'off_session',
  'error_on_requires_action',
  'statement_descriptor_suffix',
  'setup_future_usage',
  'customer',
  'use_stripe_sdk',
  'expand',
  'confirmation_method',
  'hooks',
];

export function createPaymentIntent(state: EmulatorState, params: Params, context: RequestContext) {
  allowOnly(params, CREATE_PARAMS);
  const amountValue = int(params, 'amount');
  if (amountValue === undefined) throw missingParam('amount');
  const currency = checkCurrency(requiredStr(params, 'currency'));
  checkAmount(amountValue, currency);
  const automatic = obj(params, 'automatic_payment_methods');
  const explicitTypes =
    list(params, 'payment_method_types') ?? list(params, 'allowed_payment_method_types');
  const captureMethod =
    oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ??
    'automatic_async';
  const confirm = bool(params, 'confirm') ?? false;
  const shipping = shippingParam(params);
  const taxCalculation = hookCalculationParam(params);
  const intent: PaymentIntent = {
    id: newId('pi'),
    object: 'payment_intent',
    amount: amountValue,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: explicitTypes
      ? null
      : {
          enabled: automatic ? bool(automatic, 'enabled') !== false : true,
          allow_redirects: 'always',
        },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: captureMethod,
    client_secret: '',
    confirmation_method:
      oneOf(params, 'confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic',
    created: state.clock.now(),
    currency,
    customer: str(params, 'customer') ?? null,
    customer_account: null,
    description: str(params, 'description') ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, params),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: 'automatic',
      },
    },
    payment_method_types: explicitTypes ?? ['card'],
    processing: null,
    receipt_email: str(params, 'receipt_email') ?? null,
    review: null,
    setup_future_usage: str(params, 'setup_future_usage') ?? null,
    shipping: shipping ?? null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: str(params, 'statement_descriptor_suffix') ?? null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  intent.client_secret = clientSecretFor(intent.id);
  const pmId = str(params, 'payment_method');
  if (pmId) {
    intent.payment_method = resolvePaymentMethod(state, pmId).id;
    intent.status = 'requires_confirmation';
  }
  if (taxCalculation) linkCalculation(state, intent, taxCalculation);
  state.paymentIntents.set(intent.id, intent);
  state.emit('payment_intent.created', intent, context);
  if (confirm) confirmIntent(state, intent, params, context);
  return intent;
}

const UPDATE_PARAMS = [
  'amount',
  'currency',
  'metadata',
  'description',
  'receipt_email',
  'shipping',
  'payment_method',
  'setup_future_usage',
  'statement_descriptor_suffix',
  'expand',
  'capture_method',
  'hooks',
];

/**
 * Stripe's refusal names the field and the statuses that allow it, and
 * carries the intent ("This PaymentIntent's amount could not be updated
 * because it has a status of succeeded. You may only update the amount of a
 * PaymentIntent with one of the following statuses: …", `param: amount`).
 */
function refuseUpdate(intent: PaymentIntent, field: string, allowed: PaymentIntentStatus[]): never {
  throw new StripeApiError(
    400,
    'invalid_request_error',
    `This PaymentIntent's ${field} could not be updated because it has a status of ${intent.status}. You may only update the ${field} of a PaymentIntent with one of the following statuses: ${allowed.join(', ')}.`,
    { code: 'payment_intent_unexpected_state', param: field, payment_intent: intent },
  );
}

function checkUpdatable(intent: PaymentIntent, params: Params): void {
  for (const field of Object.keys(params)) {
    if (ANY_STATUS_UPDATES.includes(field)) continue;
    const allowed = field === 'hooks' ? TAX_LINKABLE : UPDATABLE;
    if (!allowed.includes(intent.status)) refuseUpdate(intent, field, allowed);
  }
}

/** Changes to what is to be paid, which put an intent awaiting action back a step. */
function changesPayment(params: Params): boolean {
  return Object.keys(params).some((k) => !['metadata', 'expand', 'hooks'].includes(k));
}

export function updatePaymentIntent(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, UPDATE_PARAMS);
  const intent = findIntent(state, id);
  const currency = str(params, 'currency')
    ? checkCurrency(str(params, 'currency')!)
    : intent.currency;
  const amount = int(params, 'amount') ?? intent.amount;
  checkAmount(amount, currency);
  const shipping = shippingParam(params);
  const metadata = mergeMetadata(intent.metadata, params);
  const taxCalculation = hookCalculationParam(params);
  checkUpdatable(intent, params);
  if (taxCalculation !== undefined) linkCalculation(state, intent, taxCalculation);
  intent.metadata = metadata;
  // "It will be cleared if the PaymentIntent is later updated for any reason"
  // (last_payment_error, Stripe's API reference).
  intent.last_payment_error = null;
  if (!changesPayment(params)) return intent;
  intent.amount = amount;
  intent.currency = currency;
  if (shipping !== undefined) intent.shipping = shipping;
  const description = str(params, 'description');
  if (description !== undefined) intent.description = description || null;
  const receiptEmail = str(params, 'receipt_email');
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail || null;
  const captureMethod = oneOf(params, 'capture_method', [
    'automatic',
    'automatic_async',
    'manual',
  ] as const);
  if (captureMethod) intent.capture_method = captureMethod;
  const pmId = str(params, 'payment_method');
  if (pmId) {
    intent.payment_method = resolvePaymentMethod(state, pmId).id;
    intent.status = 'requires_confirmation';
    intent.next_action = null;
  } else if (intent.status === 'requires_action') {
    intent.status = 'requires_payment_method';
    intent.next_action = null;
  }
  return intent;
}

const CONFIRM_PARAMS = [
  'payment_method',
  'payment_method_data',
  'return_url',
  'shipping',
  'receipt_email',
  'use_stripe_sdk',
  'error_on_requires_action',
  'setup_future_usage',
  'mandate_data',
  'off_session',
  'capture_method',
  'payment_method_options',
  'payment_method_types',
  'expand',
  'client_secret',
  'key',
  'confirmation_token',
  'hooks',
];
const SECRET_ONLY_CONFIRM_PARAMS = [
  'hooks',
  'off_session',
  'capture_method',
  'payment_method_options',
  'payment_method_types',
  'mandate',
  'radar_options',
];

export function confirmPaymentIntent(
  state: EmulatorState,
  id: string,
  params: Params,
  context: RequestContext,
) {
  const intent = findIntent(state, id);
  checkClientSecret(intent, params, context);
  if (context.auth === 'publishable') {
    const secretOnly = Object.keys(params).find((k) => SECRET_ONLY_CONFIRM_PARAMS.includes(k));
    if (secretOnly) {
      throw invalidParam(
        `This parameter can only be used with a secret key: ${secretOnly}`,
        secretOnly,
        'parameter_unknown',
      );
    }
  }
  allowOnly(params, CONFIRM_PARAMS);
  const taxCalculation = hookCalculationParam(params);
  // Only where confirming can go ahead: a refused confirm links nothing.
  if (taxCalculation !== undefined && UPDATABLE.includes(intent.status)) {
    linkCalculation(state, intent, taxCalculation);
  }
  confirmIntent(state, intent, params, context);
  return intent;
}

function paymentMethodFor(
  state: EmulatorState,
  intent: PaymentIntent,
  params: Params,
): PaymentMethod {
  const data = obj(params, 'payment_method_data');
  if (data) return createPaymentMethod(state, data);
  const id = str(params, 'payment_method') ?? intent.payment_method;
  if (!id) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, specify a payment method with the payment_method parameter.",
    );
  }
  return resolvePaymentMethod(state, id);
}

function confirmIntent(
  state: EmulatorState,
  intent: PaymentIntent,
  params: Params,
  context: RequestContext,
): void {
  if (intent.status === 'succeeded') {
    throw unexpectedState(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
  }
  if (
    !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)
  ) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.`,
    );
  }
  const shipping = shippingParam(params);
  if (shipping !== undefined) intent.shipping = shipping;
  const receiptEmail = str(params, 'receipt_email');
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail || null;
  const method = paymentMethodFor(state, intent, params);
  intent.payment_method = method.id;
  intent.last_payment_error = null;
  intent.next_action = null;

  const attempts = (state.confirmAttempts.get(intent.id) ?? 0) + 1;
  state.confirmAttempts.set(intent.id, attempts);
  const outcome = testCard(state.cardNumbers.get(method.id) ?? '').outcome;

  if (outcome.kind === 'authentication_required') {
    if (bool(params, 'error_on_requires_action')) {
      decline(
        state,
        intent,
        method,
        context,
        {
          code: 'authentication_required',
          declineCode: 'authentication_required',
          message: 'Your card was declined. This transaction requires authentication.',
        },
        attempts,
      );
    }
    // Any test publishable key may answer the challenge; the client secret is what is checked.
    const url = `${context.origin}/3ds/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}&key=pk_test_3d_secure`;
    intent.status = 'requires_action';
    intent.next_action = bool(params, 'use_stripe_sdk')
      ? {
          type: 'use_stripe_sdk',
          use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: method.id },
        }
      : {
          type: 'redirect_to_url',
          redirect_to_url: { url, return_url: str(params, 'return_url') ?? null },
        };
    state.emit('payment_intent.requires_action', intent, context);
    return;
  }
  if (outcome.kind === 'decline') decline(state, intent, method, context, outcome, attempts);
  succeed(state, intent, method, context);
}

function newCharge(
  state: EmulatorState,
  intent: PaymentIntent,
  method: PaymentMethod,
  status: Charge['status'],
): Charge {
  const card = method.card;
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: status === 'succeeded' ? newId('txn') : null,
    billing_details: method.billing_details,
    calculated_statement_descriptor: 'FOLIO',
    captured: false,
    created: state.clock.now(),
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: status === 'succeeded',
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details: {
      card: {
        amount_authorized: intent.amount,
        brand: card.brand,
        checks: card.checks,
        country: card.country,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        last4: card.last4,
        network: card.brand,
        three_d_secure: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: '' },
    review: null,
    shipping: intent.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status,
    transfer_data: null,
    transfer_group: null,
  };
  charge.refunds.url = `/v1/charges/${charge.id}/refunds`;
  state.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  return charge;
}

function succeed(
  state: EmulatorState,
  intent: PaymentIntent,
  method: PaymentMethod,
  context: RequestContext | null,
): void {
  const charge = newCharge(state, intent, method, 'succeeded');
  intent.next_action = null;
  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
    state.emit('charge.succeeded', charge, context);
    state.emit('payment_intent.amount_capturable_updated', intent, context);
    return;
  }
  charge.captured = true;
  charge.amount_captured = intent.amount;
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  commitIntentTax(state, intent);
  state.emit('charge.succeeded', charge, context);
  state.emit('payment_intent.succeeded', intent, context);
}

/** Records a declined attempt, then throws the 402 card error the caller sees. */
function decline(
  state: EmulatorState,
  intent: PaymentIntent,
  method: PaymentMethod,
  context: RequestContext,
  reason: { code: string; declineCode: string; message: string },
  attempts: number,
): never {
  const charge = newCharge(state, intent, method, 'failed');
  charge.failure_code = reason.code;
  charge.failure_message = reason.message;
  charge.outcome = {
    ...charge.outcome,
    network_status: 'declined_by_network',
    reason: reason.declineCode,
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  };
  const docUrl = `https://docs.stripe.com/error-codes/${reason.code.replaceAll('_', '-')}`;
  intent.last_payment_error = {
    type: 'card_error',
    code: reason.code,
    decline_code: reason.declineCode,
    message: reason.message,
    doc_url: docUrl,
    charge: charge.id,
    payment_method: method,
  };
  intent.payment_method = null;
  intent.status = attempts >= MAX_CONFIRM_ATTEMPTS ? 'canceled' : 'requires_payment_method';
  if (intent.status === 'canceled') {
    intent.cancellation_reason = 'automatic';
    intent.canceled_at = state.clock.now();
  }
  state.emit('charge.failed', charge, context);
  state.emit('payment_intent.payment_failed', intent, context);
  if (intent.status === 'canceled') state.emit('payment_intent.canceled', intent, context);
  throw new StripeApiError(402, 'card_error', reason.message, {
    code: reason.code,
    decline_code: reason.declineCode,
    doc_url: docUrl,
    charge: charge.id,
    payment_intent: viewFor(intent, context),
    payment_method: method,
  });
}

/** The emulator's 3D Secure page reports the shopper's choice here. */
export function authenticatePaymentIntent(
  state: EmulatorState,
  id: string,
  params: Params,
  context: RequestContext,
) {
  const intent = findIntent(state, id);
  checkClientSecret(intent, params, context);
  allowOnly(params, ['result', 'client_secret', 'key']);
  const result = oneOf(params, 'result', ['success', 'fail'] as const);
  if (!result) throw missingParam('result');
  if (intent.status !== 'requires_action') {
    throw unexpectedState(
      `This PaymentIntent has a status of ${intent.status}; it is not waiting for authentication.`,
    );
  }
  const method = resolvePaymentMethod(state, intent.payment_method ?? '');
  if (result === 'success') {
    succeed(state, intent, method, context);
    return intent;
  }
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message: AUTH_FAILED_MESSAGE,
    doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
    payment_method: method,
  };
  state.emit('payment_intent.payment_failed', intent, context);
  return intent;
}

export function cancelPaymentIntent(
  state: EmulatorState,
  id: string,
  params: Params,
  context: RequestContext,
) {
  allowOnly(params, ['cancellation_reason', 'expand']);
  const intent = findIntent(state, id);
  const reason = oneOf(params, 'cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const);
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  intent.status = 'canceled';
  intent.cancellation_reason = reason ?? null;
  intent.canceled_at = state.clock.now();
  intent.next_action = null;
  intent.amount_capturable = 0;
  state.emit('payment_intent.canceled', intent, context);
  return intent;
}

export function capturePaymentIntent(
  state: EmulatorState,
  id: string,
  params: Params,
  context: RequestContext,
) {
  allowOnly(params, ['amount_to_capture', 'expand', 'metadata', 'hooks']);
  const intent = findIntent(state, id);
  const taxCalculation = hookCalculationParam(params);
  if (intent.status !== 'requires_capture') {
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amount = int(params, 'amount_to_capture') ?? intent.amount_capturable;
  if (amount <= 0 || amount > intent.amount_capturable) {
    throw invalidParam(
      `The amount_to_capture must be between 1 and ${intent.amount_capturable}.`,
      'amount_to_capture',
      'amount_too_large',
    );
  }
  const charge = state.charges.get(intent.latest_charge ?? '');
  if (!charge) throw unexpectedState('This PaymentIntent has no charge to capture.');
  if (taxCalculation !== undefined) linkCalculation(state, intent, taxCalculation);
  charge.captured = true;
  charge.amount_captured = amount;
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  intent.status = 'succeeded';
  intent.metadata = mergeMetadata(intent.metadata, params);
  commitIntentTax(state, intent);
  state.emit('charge.captured', charge, context);
  state.emit('payment_intent.succeeded', intent, context);
  return intent;
}
