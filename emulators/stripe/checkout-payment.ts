/**
 * Paying a Checkout Session: what the hosted page's Pay button and the
 * control API's `POST /_emulator/checkout/sessions/:id/pay` both do, so a
 * test that skips the browser takes the same path.
 * 1. The shopper's details are checked as Checkout checks them; a session
 *    that is not open takes no payment.
 * 2. The session is repriced for the chosen shipping rate and, with
 *    automatic tax, for the address entered (`automatic_tax.status` becomes
 *    `complete`).
 * 3. Its PaymentIntent is created on the first attempt (with
 *    `payment_intent_data`), or updated to the new amount on a retry, and
 *    confirmed with the card, with the emulator's test cards: a decline leaves
 *    the session open for another try, a 3D Secure card waits for the
 *    challenge (`authenticateCheckout`).
 * 4. On success the session becomes `complete`/`paid`, records its tax, redeems
 *    its coupon and sends `checkout.session.completed` after the intent's own
 *    events, as Stripe does.
 */
import { passesLuhn } from './cards';
import type { CollectedDetails, StoredCheckoutSession } from './checkout-objects';
import { isEmail } from './checkout-params';
import { applyTotals, couponOf, discountOf } from './checkout-sessions';
import { recordCheckoutTax } from './checkout-tax';
import { computeTotals } from './checkout-totals';
import { redeemCoupon } from './coupons';
import { StripeApiError } from './errors';
import type { Params } from './form';
import { newId } from './ids';
import type { Address, PaymentIntent } from './objects';
import {
  authenticatePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  updatePaymentIntent,
} from './payment-intents';
import type { EmulatorState, RequestContext } from './state';
import { resolveLocation, type TaxLocation } from './tax-location';

/** What the shopper enters, as the page's fields (and the control API's JSON) name it. */
export type PaymentForm = {
  email?: string;
  name?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country?: string;
  card?: string;
  shipping_rate?: string;
};

/** Every field of a payment, as the hosted page and the control API both take it. */
export const PAYMENT_FORM_FIELDS: Array<keyof PaymentForm> = [
  'email',
  'name',
  'line1',
  'line2',
  'city',
  'state',
  'postal_code',
  'country',
  'card',
  'shipping_rate',
];

export type FieldName =
  | 'email'
  | 'name'
  | 'line1'
  | 'city'
  | 'state'
  | 'postal_code'
  | 'country'
  | 'card'
  | 'shipping_rate';

export type FieldErrors = Partial<Record<FieldName, string>>;

export type PaymentOutcome =
  | { kind: 'complete'; redirectUrl: string | null }
  | { kind: 'requires_action' }
  | { kind: 'declined'; message: string; code: string; declineCode: string | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'failed'; message: string }
  | { kind: 'closed'; status: 'complete' | 'expired' };

/** Statuses in which an intent can take another confirmation. */
const RETRYABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
/** Stripe Checkout's words when 3D Secure fails. */
const AUTHENTICATION_FAILED =
  'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

/** Countries the page offers when the session does not collect a shipping address. */
const BILLING_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'IE', 'NL', 'ES', 'IT', 'AU', 'NZ', 'JP'];

export function countriesFor(stored: StoredCheckoutSession): string[] {
  return stored.session.shipping_address_collection?.allowed_countries ?? BILLING_COUNTRIES;
}

const trimmed = (value: string | undefined) => value?.trim() ?? '';

/** Each field checked as Checkout checks it, with the Payment Element's messages. */
function checkForm(
  stored: StoredCheckoutSession,
  form: PaymentForm,
): { details: CollectedDetails; card: string; rate: string | null; errors: FieldErrors } {
  const { session } = stored;
  const errors: FieldErrors = {};
  const email = session.customer_email ?? trimmed(form.email);
  if (!email) errors.email = 'Your email is incomplete.';
  else if (!isEmail(email)) errors.email = 'Your email address is invalid.';
  const name = trimmed(form.name);
  if (!name) errors.name = 'Your name is incomplete.';
  const country = trimmed(form.country).toUpperCase();
  if (!countriesFor(stored).includes(country))
    errors.country = 'Select a country or region from the list.';
  const line1 = trimmed(form.line1);
  if (!line1) errors.line1 = 'Your address is incomplete.';
  const city = trimmed(form.city);
  if (!city) errors.city = 'Your city is incomplete.';
  const postalCode = trimmed(form.postal_code);
  if (!postalCode) {
    errors.postal_code =
      country === 'US' ? 'Your ZIP is incomplete.' : 'Your postal code is incomplete.';
  } else if (country === 'US' && !/^\d{5}(-\d{4})?$/.test(postalCode)) {
    errors.postal_code = 'Your ZIP is invalid.';
  }
  const card = trimmed(form.card).replace(/[\s-]/g, '');
  if (!card) errors.card = 'Your card number is incomplete.';
  else if (!passesLuhn(card)) errors.card = 'Your card number is invalid.';
  let rate: string | null = null;
  if (session.shipping_options.length > 0) {
    rate = trimmed(form.shipping_rate) || session.shipping_options[0]!.shipping_rate;
    if (!session.shipping_options.some((o) => o.shipping_rate === rate)) {
      errors.shipping_rate = 'Choose one of the shipping methods offered.';
    }
  }
  const address: Address = {
    city,
    country,
    line1,
    line2: trimmed(form.line2) || null,
    postal_code: postalCode,
    // US states and Canadian provinces are codes (`NY`, `ON`); elsewhere a region is a name.
    state:
      (['US', 'CA'].includes(country) ? trimmed(form.state).toUpperCase() : trimmed(form.state)) ||
      null,
  };
  return { details: { email, name, address }, card, rate, errors };
}

/**
 * Where the shopper is for tax; a session without automatic tax needs no
 * place. An address Stripe Tax cannot place is the shopper's to correct.
 */
function taxLocation(
  stored: StoredCheckoutSession,
  address: Address,
): { location: TaxLocation | null } | { error: string } {
  if (!stored.session.automatic_tax.enabled) return { location: null };
  try {
    return { location: resolveLocation(address) };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return {
      error:
        address.country === 'US'
          ? "This ZIP doesn't match the state, or is not one we can find."
          : "We couldn't find a tax location for this address. Check the postal code and region.",
    };
  }
}

function contextFor(origin: string): RequestContext {
  // Checkout acts for the account itself, under a request id of its own: the shopper's
  // browser holds no key.
  return { requestId: newId('req'), idempotencyKey: null, auth: 'secret', origin };
}

/** The fields of an intent Checkout sets from the session and what the shopper entered. */
function intentParams(stored: StoredCheckoutSession, details: CollectedDetails): Params {
  const { session, paymentIntentData } = stored;
  const params: Params = { amount: String(session.amount_total) };
  if (session.shipping_address_collection) {
    params.shipping = { name: details.name, address: addressParams(details.address) };
  }
  if (paymentIntentData.receiptEmail) params.receipt_email = paymentIntentData.receiptEmail;
  return params;
}

function addressParams(address: Address): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(address)) if (value) out[key] = value;
  return out;
}

/** The session's intent: the one from an earlier attempt when it can still be paid, else a new one. */
function intentFor(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  details: CollectedDetails,
  context: RequestContext,
): PaymentIntent {
  const { session, paymentIntentData } = stored;
  const existing = session.payment_intent
    ? state.paymentIntents.get(session.payment_intent)
    : undefined;
  if (existing && RETRYABLE.includes(existing.status)) {
    return updatePaymentIntent(state, existing.id, intentParams(stored, details));
  }
  const params: Params = {
    ...intentParams(stored, details),
    currency: session.currency,
    payment_method_types: ['card'],
    metadata: { ...paymentIntentData.metadata },
  };
  if (paymentIntentData.description) params.description = paymentIntentData.description;
  if (paymentIntentData.statementDescriptorSuffix) {
    params.statement_descriptor_suffix = paymentIntentData.statementDescriptorSuffix;
  }
  const intent = createPaymentIntent(state, params, context);
  session.payment_intent = intent.id;
  return intent;
}

function cardParams(state: EmulatorState, card: string, details: CollectedDetails): Params {
  // The page asks for the number only; a card a few years from expiry stands in for the rest.
  const year = new Date(state.clock.nowMs()).getUTCFullYear() + 3;
  return {
    payment_method_data: {
      type: 'card',
      card: { number: card, exp_month: '12', exp_year: String(year) },
      billing_details: {
        name: details.name,
        email: details.email,
        address: addressParams(details.address),
      },
    },
  };
}

function complete(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  intent: PaymentIntent,
  context: RequestContext,
): PaymentOutcome {
  const { session } = stored;
  const details = stored.collected!;
  session.status = 'complete';
  session.payment_status = 'paid';
  session.url = null;
  session.customer_details = {
    address: structuredClone(details.address),
    business_name: null,
    email: details.email,
    individual_name: null,
    name: details.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.collected_information = {
    business_name: null,
    individual_name: null,
    shipping_details: session.shipping_address_collection
      ? { address: structuredClone(details.address), name: details.name }
      : null,
  };
  recordCheckoutTax(state, stored, intent);
  const coupon = session.discounts[0]?.coupon;
  if (coupon) redeemCoupon(state, coupon);
  state.emit('checkout.session.completed', session, context);
  return {
    kind: 'complete',
    redirectUrl: session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null,
  };
}

/** What a confirmation left the intent in, as the shopper sees it. */
function outcomeOf(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  intent: PaymentIntent,
  context: RequestContext,
): PaymentOutcome {
  if (intent.status === 'succeeded') return complete(state, stored, intent, context);
  if (intent.status === 'requires_action') return { kind: 'requires_action' };
  if (intent.last_payment_error?.code === 'payment_intent_authentication_failure') {
    return {
      kind: 'declined',
      message: AUTHENTICATION_FAILED,
      code: 'payment_intent_authentication_failure',
      declineCode: null,
    };
  }
  return { kind: 'failed', message: `The payment could not be completed (${intent.status}).` };
}

export function payCheckoutSession(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  form: PaymentForm,
  origin: string,
): PaymentOutcome {
  const { session } = stored;
  if (session.status !== 'open') return { kind: 'closed', status: session.status };
  const checked = checkForm(stored, form);
  const errors = { ...checked.errors };
  // Only an address that is otherwise complete is worth placing for tax.
  const placed =
    Object.keys(errors).length === 0 ? taxLocation(stored, checked.details.address) : null;
  if (placed && 'error' in placed) errors.postal_code = placed.error;
  if (!placed || 'error' in placed) return { kind: 'invalid', errors };
  const rate = checked.rate ? (state.shippingRates.get(checked.rate) ?? null) : null;
  const coupon = discountOf(couponOf(state, stored));
  applyTotals(stored, computeTotals(stored.lines, coupon, rate, placed.location));
  if (placed.location) session.automatic_tax.status = 'complete';
  stored.location = placed.location;
  stored.collected = checked.details;

  const context = contextFor(origin);
  let intent: PaymentIntent;
  try {
    intent = intentFor(state, stored, checked.details, context);
    intent = confirmPaymentIntent(
      state,
      intent.id,
      cardParams(state, checked.card, checked.details),
      context,
    );
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    if (error.type === 'card_error') {
      return {
        kind: 'declined',
        message: error.message,
        code: error.fields.code ?? 'card_declined',
        declineCode: error.fields.decline_code ?? null,
      };
    }
    return { kind: 'failed', message: error.message };
  }
  return outcomeOf(state, stored, intent, context);
}

/** The shopper's answer to the 3D Secure challenge of the session's intent. */
export function authenticateCheckout(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  result: 'success' | 'fail',
  origin: string,
): PaymentOutcome {
  const { session } = stored;
  if (session.status !== 'open') return { kind: 'closed', status: session.status };
  const intent = session.payment_intent
    ? state.paymentIntents.get(session.payment_intent)
    : undefined;
  if (!intent || intent.status !== 'requires_action') {
    return { kind: 'failed', message: 'This payment is not waiting for authentication.' };
  }
  const context = contextFor(origin);
  authenticatePaymentIntent(state, intent.id, { result }, context);
  return outcomeOf(state, stored, intent, context);
}

/** The intent of a session waiting for 3D Secure, if it is. */
export function awaitingAuthentication(
  state: EmulatorState,
  stored: StoredCheckoutSession,
): PaymentIntent | null {
  const id = stored.session.payment_intent;
  const intent = id ? state.paymentIntents.get(id) : undefined;
  return stored.session.status === 'open' && intent?.status === 'requires_action' ? intent : null;
}
