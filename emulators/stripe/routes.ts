/** The Stripe API endpoints the emulator serves. */
import {
  createRefund,
  listCharges,
  listEvents,
  listRefunds,
  retrieveCharge,
  retrieveEvent,
  retrieveRefund,
  updateRefund,
} from './charges-refunds';
import {
  createCheckoutSession,
  expireCheckoutSession,
  listCheckoutLineItems,
  listCheckoutSessions,
  retrieveCheckoutSession,
} from './checkout-sessions';
import { createCoupon, listCoupons, retrieveCoupon } from './coupons';
import type { Params } from './form';
import { int, str } from './params';
import {
  authenticatePaymentIntent,
  cancelPaymentIntent,
  capturePaymentIntent,
  checkClientSecret,
  confirmPaymentIntent,
  createPaymentIntent,
  findIntent,
  updatePaymentIntent,
  viewFor,
} from './payment-intents';
import { createPaymentMethod, retrievePaymentMethod } from './payment-methods';
import { createShippingRate, retrieveShippingRate } from './shipping-rates';
import { paginate, type EmulatorState, type RequestContext } from './state';
import { findAssociation } from './tax-associations';
import {
  createCalculation,
  listCalculationLineItems,
  retrieveCalculation,
} from './tax-calculations';
import { createReversal } from './tax-reversals';
import {
  createFromCalculation,
  listTransactionLineItems,
  retrieveTransaction,
} from './tax-transactions';

export type RouteInput = {
  state: EmulatorState;
  params: Params;
  id: string;
  context: RequestContext;
};

export type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** `publishable`: a publishable key may call it too (with the client secret where needed). */
  auth: 'secret' | 'publishable';
  run: (input: RouteInput) => unknown;
};

const ID = '([A-Za-z0-9_]+)';

export const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents$/,
    auth: 'secret',
    run: ({ state, params, context }) => createPaymentIntent(state, params, context),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents$/,
    auth: 'secret',
    run: ({ state, params }) =>
      paginate(
        [...state.paymentIntents.values()],
        '/v1/payment_intents',
        int(params, 'limit'),
        str(params, 'starting_after'),
      ),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    auth: 'publishable',
    run: ({ state, params, id, context }) => {
      const intent = findIntent(state, id);
      checkClientSecret(intent, params, context);
      return viewFor(intent, context);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => updatePaymentIntent(state, id, params),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/confirm$`),
    auth: 'publishable',
    run: ({ state, params, id, context }) =>
      viewFor(confirmPaymentIntent(state, id, params, context), context),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/_authenticate$`),
    auth: 'publishable',
    run: ({ state, params, id, context }) =>
      viewFor(authenticatePaymentIntent(state, id, params, context), context),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    auth: 'secret',
    run: ({ state, params, id, context }) => cancelPaymentIntent(state, id, params, context),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/capture$`),
    auth: 'secret',
    run: ({ state, params, id, context }) => capturePaymentIntent(state, id, params, context),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/charges$/,
    auth: 'secret',
    run: ({ state, params }) => listCharges(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/charges/${ID}$`),
    auth: 'secret',
    run: ({ state, id }) => retrieveCharge(state, id),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/refunds$/,
    auth: 'secret',
    run: ({ state, params, context }) => createRefund(state, params, context),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds$/,
    auth: 'secret',
    run: ({ state, params }) => listRefunds(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/refunds/${ID}$`),
    auth: 'secret',
    run: ({ state, id }) => retrieveRefund(state, id),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/refunds/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => updateRefund(state, id, params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_methods$/,
    auth: 'publishable',
    run: ({ state, params }) => createPaymentMethod(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_methods/${ID}$`),
    auth: 'secret',
    run: ({ state, id }) => retrievePaymentMethod(state, id),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tax\/calculations$/,
    auth: 'secret',
    run: ({ state, params }) => createCalculation(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/tax/calculations/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => retrieveCalculation(state, id, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/tax/calculations/${ID}/line_items$`),
    auth: 'secret',
    run: ({ state, params, id }) => listCalculationLineItems(state, id, params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tax\/transactions\/create_from_calculation$/,
    auth: 'secret',
    run: ({ state, params }) => createFromCalculation(state, params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tax\/transactions\/create_reversal$/,
    auth: 'secret',
    run: ({ state, params }) => createReversal(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/tax/transactions/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => retrieveTransaction(state, id, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/tax/transactions/${ID}/line_items$`),
    auth: 'secret',
    run: ({ state, params, id }) => listTransactionLineItems(state, id, params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/tax\/associations\/find$/,
    auth: 'secret',
    run: ({ state, params }) => findAssociation(state, params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/checkout\/sessions$/,
    auth: 'secret',
    run: ({ state, params, context }) => createCheckoutSession(state, params, context),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/checkout\/sessions$/,
    auth: 'secret',
    run: ({ state, params }) => listCheckoutSessions(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => retrieveCheckoutSession(state, id, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}/line_items$`),
    auth: 'secret',
    run: ({ state, params, id }) => listCheckoutLineItems(state, id, params),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}/expire$`),
    auth: 'secret',
    run: ({ state, params, id, context }) => expireCheckoutSession(state, id, params, context),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/coupons$/,
    auth: 'secret',
    run: ({ state, params }) => createCoupon(state, params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/coupons$/,
    auth: 'secret',
    run: ({ state, params }) => listCoupons(state, params),
  },
  {
    method: 'GET',
    // Coupon ids are the merchant's own codes, which may hold hyphens.
    pattern: /^\/v1\/coupons\/([A-Za-z0-9_-]+)$/,
    auth: 'secret',
    run: ({ state, params, id }) => retrieveCoupon(state, id, params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/shipping_rates$/,
    auth: 'secret',
    run: ({ state, params }) => createShippingRate(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/shipping_rates/${ID}$`),
    auth: 'secret',
    run: ({ state, params, id }) => retrieveShippingRate(state, id, params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/events$/,
    auth: 'secret',
    run: ({ state, params }) => listEvents(state, params),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/events/${ID}$`),
    auth: 'secret',
    run: ({ state, id }) => retrieveEvent(state, id),
  },
];

export function matchRoute(
  method: string,
  path: string,
): { route: Route; id: string } | 'method' | null {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, id: match[1] ?? '' };
  }
  return pathMatched ? 'method' : null;
}
