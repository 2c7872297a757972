import { invalidParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { formatAmount } from './format-amount';
import { newId } from './ids';
import type { Charge, Refund } from './objects';
import { allowOnly, int, mergeMetadata, oneOf, str } from './params';
import { findIntent } from './payment-intents';
import { paginate, type EmulatorState, type RequestContext } from './state';

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
  const chargeId = str(params, 'charge');
  const intentId = str(params, 'payment_intent');
  let charge: Charge;
  if (chargeId) {
    charge = retrieveCharge(state, chargeId);
  } else if (intentId) {
    const intent = findIntent(state, intentId);
    const latest = intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
    if (!latest || intent.status !== 'succeeded' || latest.status !== 'succeeded') {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        { param: 'payment_intent', code: 'charge_not_refundable' },
      );
    }
    charge = latest;
  } else {
    throw invalidParam(
      'One of the following params should be provided for this request: payment_intent or charge.',
      undefined,
      'parameter_missing',
    );
  }
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
    metadata: mergeMetadata({}, params),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason:
      oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ??
      null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  state.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  charge.refunds.data = [refund, ...charge.refunds.data];
  state.emit('refund.created', refund, context);
  state.emit('charge.refunded', charge, context);
  return refund;
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
