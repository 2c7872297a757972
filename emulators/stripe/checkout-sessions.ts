/**
 * Checkout Sessions over the API: create, retrieve, list, list line items
 * and expire (docs.stripe.com/api/checkout/sessions). A session is priced
 * at creation (tax unknown until the shopper gives an address, so
 * `automatic_tax.status` is `requires_location_inputs`) and repriced when the
 * shopper pays (`checkout-payment.ts`). As in current API versions, its
 * PaymentIntent does not exist until the shopper pays: `payment_intent` is
 * null until then.
 */
import { checkoutSessionId, newId } from './ids';
import type {
  CheckoutLineItem,
  CheckoutSession,
  Coupon,
  Price,
  StoredCheckoutSession,
} from './checkout-objects';
import { CHECKOUT_EXPANDS, sessionInput, type SessionInput } from './checkout-params';
import { computeTotals, type DiscountSpec, type Totals } from './checkout-totals';
import { expireSession } from './checkout-expiry';
import { invalidParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { formatAmount } from './format-amount';
import { allowOnly, int, obj, oneOf, str } from './params';
import { MAX_AMOUNT, minimumAmount } from './payment-intents';
import { paginate, type EmulatorState, type RequestContext } from './state';
import { expandParam } from './tax-params';

export function discountOf(coupon: Coupon | null): DiscountSpec {
  if (!coupon) return null;
  return coupon.amount_off !== null
    ? { amountOff: coupon.amount_off }
    : { percentOff: coupon.percent_off ?? 0 };
}

export function couponOf(state: EmulatorState, stored: StoredCheckoutSession): Coupon | null {
  const id = stored.session.discounts[0]?.coupon;
  return id ? (state.coupons.get(id) ?? null) : null;
}

/** Writes amounts into the session and its line items, as they show from now on. */
export function applyTotals(stored: StoredCheckoutSession, totals: Totals): void {
  const { session } = stored;
  totals.lines.forEach((line, i) => {
    const item = stored.lineItems[i]!;
    item.amount_subtotal = line.subtotal;
    item.amount_discount = line.discount;
    item.amount_tax = line.tax;
    item.amount_total = line.total;
  });
  session.amount_subtotal = totals.subtotal;
  session.amount_total = totals.total;
  session.total_details = {
    amount_discount: totals.discount,
    amount_shipping: totals.shipping?.subtotal ?? 0,
    amount_tax: totals.tax,
  };
  session.shipping_cost = totals.shipping
    ? {
        amount_subtotal: totals.shipping.subtotal,
        amount_tax: totals.shipping.tax,
        amount_total: totals.shipping.total,
        shipping_rate: totals.shipping.rate.id,
      }
    : null;
  stored.totals = totals;
}

/**
 * Stripe refuses a session that could never be paid: "Checkout does not
 * currently support discounting a purchase below the minimum charge amount"
 * (docs.stripe.com/payments/checkout/discounts).
 */
function checkTotal(total: number, currency: string): void {
  const minimum = minimumAmount(currency);
  if (total < minimum) {
    throw invalidParam(
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, currency)} ${currency}`,
      undefined,
      'amount_too_small',
    );
  }
  if (total > MAX_AMOUNT) {
    throw invalidParam(
      `The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT, currency)} ${currency}`,
      undefined,
      'amount_too_large',
    );
  }
}

function lineItemsOf(state: EmulatorState, input: SessionInput): CheckoutLineItem[] {
  const now = state.clock.now();
  return input.lines.map((line) => {
    // Inline prices and products are Stripe's own objects; the price is archived at once.
    const price: Price = {
      id: newId('price'),
      object: 'price',
      active: false,
      billing_scheme: 'per_unit',
      created: now,
      currency: line.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: newId('prod'),
      recurring: null,
      tax_behavior: line.taxBehavior,
      tiers_mode: null,
      transform_quantity: null,
      type: 'one_time',
      unit_amount: line.spec.unitAmount,
      unit_amount_decimal: String(line.spec.unitAmount),
    };
    return {
      id: newId('li'),
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: 0,
      amount_tax: 0,
      amount_total: 0,
      currency: line.currency,
      description: line.spec.name,
      metadata: line.metadata,
      price,
      quantity: line.spec.quantity,
    };
  });
}

function sessionOf(
  state: EmulatorState,
  input: SessionInput,
  id: string,
  origin: string,
): CheckoutSession {
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: 0,
    amount_total: 0,
    automatic_tax: input.automaticTax
      ? {
          enabled: true,
          liability: { type: 'self' },
          provider: 'stripe',
          status: 'requires_location_inputs',
        }
      : { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: input.billingAddressCollection,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: state.clock.now(),
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_account: null,
    customer_creation: 'if_required',
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: input.coupon ? [{ coupon: input.coupon.id, promotion_code: null }] : [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: 'payment',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: {
      allow_redisplay_filters: ['always'],
      payment_method_remove: null,
      payment_method_save: null,
    },
    setup_intent: null,
    shipping_address_collection: input.allowedCountries
      ? { allowed_countries: input.allowedCountries }
      : null,
    shipping_cost: null,
    shipping_options: input.shippingRates.map((rate) => ({
      shipping_amount: rate.fixed_amount.amount,
      shipping_rate: rate.id,
    })),
    status: 'open',
    submit_type: input.submitType,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: `${origin}/c/pay/${id}`,
    wallet_options: null,
  };
}

/** An embedded list of line items, in the order they were given. */
function lineItemList(stored: StoredCheckoutSession) {
  return paginate(
    [...stored.lineItems].reverse(),
    `/v1/checkout/sessions/${stored.session.id}/line_items`,
    undefined,
    undefined,
  );
}

/** What a response shows: the session, with what `expand[]` asked for put in place. */
export function sessionView(state: EmulatorState, stored: StoredCheckoutSession, expand: string[]) {
  const { session } = stored;
  const view: Record<string, unknown> = { ...session };
  if (expand.includes('line_items')) view.line_items = lineItemList(stored);
  if (expand.includes('payment_intent') && session.payment_intent) {
    view.payment_intent =
      state.paymentIntents.get(session.payment_intent) ?? session.payment_intent;
  }
  if (expand.includes('discounts.coupon')) {
    view.discounts = session.discounts.map((d) => ({
      ...d,
      coupon: state.coupons.get(d.coupon) ?? d.coupon,
    }));
  }
  if (expand.includes('shipping_cost.shipping_rate') && session.shipping_cost) {
    const rate = state.shippingRates.get(session.shipping_cost.shipping_rate);
    view.shipping_cost = {
      ...session.shipping_cost,
      shipping_rate: rate ?? session.shipping_cost.shipping_rate,
    };
  }
  if (expand.includes('shipping_options.shipping_rate')) {
    view.shipping_options = session.shipping_options.map((o) => ({
      ...o,
      shipping_rate: state.shippingRates.get(o.shipping_rate) ?? o.shipping_rate,
    }));
  }
  return view;
}

export function createCheckoutSession(
  state: EmulatorState,
  params: Params,
  context: RequestContext,
) {
  const input = sessionInput(state, params);
  const specs = input.lines.map((line) => line.spec);
  const totals = computeTotals(
    specs,
    discountOf(input.coupon),
    input.shippingRates[0] ?? null,
    null,
  );
  checkTotal(totals.total, input.currency);
  // Every parameter passed: the inline shipping rates become objects of their own now.
  for (const rate of input.shippingRates) state.shippingRates.set(rate.id, rate);
  const id = checkoutSessionId();
  const stored: StoredCheckoutSession = {
    session: sessionOf(state, input, id, context.origin),
    lineItems: lineItemsOf(state, input),
    lines: specs,
    paymentIntentData: input.paymentIntentData,
    origin: context.origin,
    totals,
    location: null,
    collected: null,
  };
  applyTotals(stored, totals);
  state.checkoutSessions.set(id, stored);
  return sessionView(state, stored, input.expand);
}

export function findSession(state: EmulatorState, id: string): StoredCheckoutSession {
  const stored = state.checkoutSessions.get(id);
  if (!stored) throw notFound('checkout.session', id);
  return stored;
}

export function retrieveCheckoutSession(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand']);
  return sessionView(state, findSession(state, id), expandParam(params, CHECKOUT_EXPANDS));
}

const LIST_EXPANDS = ['data.line_items', 'data.payment_intent'];

export function listCheckoutSessions(state: EmulatorState, params: Params) {
  allowOnly(params, [
    'created',
    'customer',
    'customer_account',
    'customer_details',
    'ending_before',
    'expand',
    'limit',
    'payment_intent',
    'payment_link',
    'starting_after',
    'status',
    'subscription',
  ]);
  const expand = expandParam(params, LIST_EXPANDS).map((path) => path.slice('data.'.length));
  const intent = str(params, 'payment_intent');
  const status = oneOf(params, 'status', ['complete', 'expired', 'open'] as const);
  const details = obj(params, 'customer_details');
  if (details) allowOnly(details, ['email']);
  const email = details ? str(details, 'email')?.toLowerCase() : undefined;
  // The emulator keeps no Customers, Payment Links or Subscriptions: no session has one.
  const none = ['customer', 'customer_account', 'payment_link', 'subscription'].some(
    (key) => str(params, key) !== undefined,
  );
  const sessions = [...state.checkoutSessions.values()].filter(
    ({ session }) =>
      !none &&
      (!intent || session.payment_intent === intent) &&
      (!status || session.status === status) &&
      (!email || session.customer_details?.email?.toLowerCase() === email),
  );
  const page = paginate(
    sessions.map((stored) => ({ id: stored.session.id, stored })),
    '/v1/checkout/sessions',
    int(params, 'limit'),
    str(params, 'starting_after'),
  );
  return { ...page, data: page.data.map(({ stored }) => sessionView(state, stored, expand)) };
}

export function listCheckoutLineItems(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['ending_before', 'expand', 'limit', 'starting_after']);
  // The emulator keeps no Products, so `data.price.product` has nothing to expand to.
  expandParam(params, []);
  const stored = findSession(state, id);
  // Line items keep the order they were given in; `paginate` lists newest first.
  return paginate(
    [...stored.lineItems].reverse(),
    `/v1/checkout/sessions/${id}/line_items`,
    int(params, 'limit'),
    str(params, 'starting_after'),
  );
}

export function expireCheckoutSession(
  state: EmulatorState,
  id: string,
  params: Params,
  context: RequestContext,
) {
  allowOnly(params, ['expand']);
  const expand = expandParam(params, CHECKOUT_EXPANDS);
  const stored = findSession(state, id);
  if (stored.session.status !== 'open') {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${stored.session.status}\`.`,
    );
  }
  expireSession(state, stored, context);
  return sessionView(state, stored, expand);
}
