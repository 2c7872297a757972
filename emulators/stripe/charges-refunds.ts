import { testCard, type AsyncRefund } from './cards';
import { invalidParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { formatAmount } from './format-amount';
import { newId } from './ids';
import type { Charge, Refund } from './objects';
import { allowOnly, int, mergeMetadata, oneOf, str } from './params';
import { findIntent } from './payment-intents';
import { paginate, type EmulatorState, type RequestContext } from './state';
import { reverseRefundTax, undoRefundTax } from './tax-associations';

export function retrieveCharge(state: EmulatorState, id: string): Charge {
  const charge = state.charges.get(id);
  if (!charge) throw notFound('charge', id);
  return charge;
}

export function listCharges(state: EmulatorState, params: Params) {
  allowOnly(params, [
    'payment_intent',
    'limit',
    'starting_after',
    'ending_before',
    'expand',
    'customer',
  ]);
  const intent = str(params, 'payment_intent');
  const charges = [...state.charges.values()].filter((c) => !intent || c.payment_intent === intent);
  return paginate(charges, '/v1/charges', int(params, 'limit'), str(params, 'starting_after'));
}

const STRIPE_HOLD_DOCS = 'https://stripe.com/docs/payments/place-a-hold-on-a-payment-method';

/** Stripe's refusal when a PaymentIntent has nothing paid to give back. */
function nothingToRefund(intentId: string): StripeApiError {
  return new StripeApiError(
    400,
    'invalid_request_error',
    `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
  );
}

/** The charge a refund names: directly, or the intent's latest charge. */
function chargeToRefund(state: EmulatorState, params: Params): Charge {
  const chargeId = str(params, 'charge');
  if (chargeId) return retrieveCharge(state, chargeId);
  const intentId = str(params, 'payment_intent');
  if (!intentId) {
    throw invalidParam(
      'One of the following params should be provided for this request: payment_intent or charge.',
      undefined,
      'parameter_missing',
    );
  }
  const intent = findIntent(state, intentId);
  const latest = intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
  if (!latest) throw nothingToRefund(intent.id);
  return latest;
}

/**
 * Refuses what Stripe will not refund, by either path: a failed charge or a
 * canceled intent has nothing paid; an authorization not yet captured is
 * released by canceling its intent instead.
 */
function checkRefundable(state: EmulatorState, charge: Charge): void {
  const intent = state.paymentIntents.get(charge.payment_intent);
  if (charge.status !== 'succeeded' || intent?.status === 'canceled') {
    throw nothingToRefund(charge.payment_intent);
  }
  if (!charge.captured) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `This uncaptured Charge was created by a PaymentIntent (${charge.payment_intent}). You must cancel the PaymentIntent to reverse the authorization instead of refunding the Charge directly. For more information, see ${STRIPE_HOLD_DOCS}`,
    );
  }
}

/** The amount asked for, within what is left; pending refunds count as refunded already. */
function refundAmount(charge: Charge, params: Params): number {
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Charge ${charge.id} has already been refunded.`,
      { code: 'charge_already_refunded' },
    );
  }
  const amount = int(params, 'amount') ?? remaining;
  if (amount <= 0)
    throw invalidParam('Invalid positive integer', 'amount', 'parameter_invalid_integer');
  if (amount > remaining) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { param: 'amount', code: 'amount_too_large' },
    );
  }
  return amount;
}

/** How refunds of this charge's card behave; undefined for cards that refund at once. */
function asyncRefundOf(state: EmulatorState, charge: Charge): AsyncRefund | undefined {
  return testCard(state.cardNumbers.get(charge.payment_method) ?? '').asyncRefund;
}

function recomputeRefunded(charge: Charge): void {
  charge.refunded = charge.amount_refunded === charge.amount_captured;
}

export function createRefund(
  state: EmulatorState,
  params: Params,
  context: RequestContext,
): Refund {
  allowOnly(params, [
    'charge',
    'payment_intent',
    'amount',
    'reason',
    'metadata',
    'expand',
    'instructions_email',
    'origin',
  ]);
  const charge = chargeToRefund(state, params);
  checkRefundable(state, charge);
  const amount = refundAmount(charge, params);
  const reason =
    oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  const metadata = mergeMetadata({}, params);
  const asyncRefund = asyncRefundOf(state, charge);
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: state.clock.now(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: {
      card: {
        reference: null,
        reference_status: 'pending',
        reference_type: 'acquirer_reference_number',
        type: 'refund',
      },
      type: 'card',
    },
    metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: asyncRefund?.initial ?? 'succeeded',
    transfer_reversal: null,
  };
  state.refunds.set(refund.id, refund);
  // A pending refund already holds its amount: what is left to refund excludes it.
  charge.amount_refunded += amount;
  recomputeRefunded(charge);
  charge.refunds.data = [refund, ...charge.refunds.data];
  // A refund of an intent linked to a tax calculation reverses its tax (docs.stripe.com/tax/payment-intent).
  reverseRefundTax(state, refund);
  state.emit('refund.created', refund, context);
  state.emit('charge.refunded', charge, context);
  if (asyncRefund) state.refundSchedule.add(refund.id);
  return refund;
}

/**
 * The "some time later" of an asynchronous refund: its final status, and the
 * events Stripe sends for it. Nobody asked for it, so the events name no
 * request. A failed refund gives its amount back to the charge.
 */
export function settleRefund(state: EmulatorState, refundId: string): void {
  const refund = state.refunds.get(refundId);
  const charge = refund ? state.charges.get(refund.charge) : undefined;
  const asyncRefund = charge ? asyncRefundOf(state, charge) : undefined;
  if (!refund || !charge || !asyncRefund || refund.status !== asyncRefund.initial) return;
  if (asyncRefund.settlesTo === 'succeeded') {
    refund.status = 'succeeded';
    const previous = { status: asyncRefund.initial };
    state.emit('refund.updated', refund, null, previous);
    state.emit('charge.refund.updated', refund, null, previous);
    return;
  }
  refund.status = 'failed';
  refund.failure_reason = asyncRefund.failureReason;
  refund.failure_balance_transaction = newId('txn');
  charge.amount_refunded -= refund.amount;
  recomputeRefunded(charge);
  // Stripe "creates a tax reversal for a reversal, if a refund has failed".
  undoRefundTax(state, refund);
  const previous = {
    status: asyncRefund.initial,
    failure_reason: null,
    failure_balance_transaction: null,
  };
  state.emit('refund.updated', refund, null, previous);
  state.emit('charge.refund.updated', refund, null, previous);
  state.emit('refund.failed', refund, null);
}

export function retrieveRefund(state: EmulatorState, id: string): Refund {
  const refund = state.refunds.get(id);
  if (!refund) throw notFound('refund', id);
  return refund;
}

export function updateRefund(state: EmulatorState, id: string, params: Params): Refund {
  allowOnly(params, ['metadata', 'expand']);
  const refund = retrieveRefund(state, id);
  refund.metadata = mergeMetadata(refund.metadata, params);
  return refund;
}

export function listRefunds(state: EmulatorState, params: Params) {
  allowOnly(params, [
    'charge',
    'payment_intent',
    'limit',
    'starting_after',
    'ending_before',
    'expand',
  ]);
  const charge = str(params, 'charge');
  const intent = str(params, 'payment_intent');
  const refunds = [...state.refunds.values()].filter(
    (r) => (!charge || r.charge === charge) && (!intent || r.payment_intent === intent),
  );
  return paginate(refunds, '/v1/refunds', int(params, 'limit'), str(params, 'starting_after'));
}

export function retrieveEvent(state: EmulatorState, id: string) {
  const event = state.eventsById.get(id);
  if (!event) throw notFound('event', id);
  return event;
}

export function listEvents(state: EmulatorState, params: Params) {
  allowOnly(params, [
    'type',
    'types',
    'limit',
    'starting_after',
    'ending_before',
    'created',
    'delivery_success',
    'expand',
  ]);
  const type = str(params, 'type');
  const matches = (t: string) =>
    !type || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type);
  return paginate(
    state.events.filter((e) => matches(e.type)),
    '/v1/events',
    int(params, 'limit'),
    str(params, 'starting_after'),
  );
}
