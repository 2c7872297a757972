/**
 * Serves the hosted Checkout page on the emulator's origin: `GET /c/pay/<id>`
 * shows it, `POST /c/pay/<id>` pays (303 to `success_url` once paid, as a
 * browser form expects), `GET`/`POST /c/pay/<id>/3ds` is the 3D Secure
 * challenge. Plain HTML forms, so it works without JavaScript. Sessions
 * whose `expires_at` has passed expire before any page is shown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoredCheckoutSession } from './checkout-objects';
import { expireDueSessions } from './checkout-expiry';
import { challengePage, checkoutPage, closedPage, notFoundPage } from './checkout-page';
import {
  authenticateCheckout,
  awaitingAuthentication,
  countriesFor,
  payCheckoutSession,
  type FieldErrors,
  PAYMENT_FORM_FIELDS,
  type PaymentForm,
  type PaymentOutcome,
} from './checkout-payment';
import { readBody } from './http-util';
import type { EmulatorState } from './state';

const PATH = /^\/c\/pay\/([A-Za-z0-9_]+)(\/3ds)?\/?$/;

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  response.end(html);
}

/** 303 See Other: after a POST the browser follows with a GET. */
function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': 0 });
  response.end();
}

function renderPage(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  values: PaymentForm = {},
  errors: FieldErrors = {},
  alert: string | null = null,
): string {
  const { session } = stored;
  const couponId = session.discounts[0]?.coupon;
  return checkoutPage({
    stored,
    rates: session.shipping_options.flatMap((o) => {
      const rate = state.shippingRates.get(o.shipping_rate);
      return rate ? [rate] : [];
    }),
    couponName: couponId ? (state.coupons.get(couponId)?.name ?? null) : null,
    countries: countriesFor(stored),
    values,
    errors,
    alert,
  });
}

function formOf(body: string): PaymentForm {
  const fields = new URLSearchParams(body);
  const form: PaymentForm = {};
  for (const name of PAYMENT_FORM_FIELDS) {
    const value = fields.get(name);
    if (value !== null) form[name] = value;
  }
  const card = fields.get('card_number');
  if (card !== null) form.card = card;
  return form;
}

/** What the browser gets after a Pay (or a 3D Secure answer). */
function answer(
  response: ServerResponse,
  state: EmulatorState,
  stored: StoredCheckoutSession,
  outcome: PaymentOutcome,
  values: PaymentForm,
): void {
  const page = `/c/pay/${stored.session.id}`;
  switch (outcome.kind) {
    case 'complete':
      return redirect(response, outcome.redirectUrl ?? page);
    case 'requires_action':
      return redirect(response, `${page}/3ds`);
    case 'closed':
      return sendHtml(response, 409, closedPage(stored));
    case 'invalid':
      return sendHtml(response, 400, renderPage(state, stored, values, outcome.errors));
    case 'declined':
      return sendHtml(response, 402, renderPage(state, stored, values, {}, outcome.message));
    case 'failed':
      return sendHtml(response, 400, renderPage(state, stored, values, {}, outcome.message));
  }
}

/** Answers the hosted Checkout paths; false for any other path. */
export async function serveCheckout(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  origin: string,
  state: EmulatorState,
): Promise<boolean> {
  const match = PATH.exec(url.pathname);
  if (!match) return false;
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    response.writeHead(405, { allow: 'GET, POST' });
    response.end();
    return true;
  }
  expireDueSessions(state);
  const stored = state.checkoutSessions.get(match[1]!);
  if (!stored) {
    sendHtml(response, 404, notFoundPage());
    return true;
  }
  const challenge = match[2] !== undefined;
  const open = stored.session.status === 'open';

  if (method === 'GET') {
    if (!open) sendHtml(response, 200, closedPage(stored));
    else if (challenge && !awaitingAuthentication(state, stored))
      redirect(response, `/c/pay/${stored.session.id}`);
    else if (challenge) sendHtml(response, 200, challengePage(stored));
    else
      sendHtml(
        response,
        200,
        renderPage(state, stored, stored.collected ? detailsForm(stored) : {}),
      );
    return true;
  }

  const body = await readBody(request);
  if (challenge) {
    const result = new URLSearchParams(body).get('result');
    if (result !== 'success' && result !== 'fail') {
      sendHtml(response, 400, challengePage(stored));
      return true;
    }
    const outcome = authenticateCheckout(state, stored, result, origin);
    answer(response, state, stored, outcome, detailsForm(stored));
    return true;
  }
  const form = formOf(body);
  const { card: _card, ...values } = form;
  answer(response, state, stored, payCheckoutSession(state, stored, form, origin), values);
  return true;
}

/** The details of the last attempt, to show again (never the card number). */
function detailsForm(stored: StoredCheckoutSession): PaymentForm {
  const details = stored.collected;
  if (!details) return {};
  return {
    email: details.email,
    name: details.name,
    line1: details.address.line1 ?? '',
    line2: details.address.line2 ?? '',
    city: details.address.city ?? '',
    state: details.address.state ?? '',
    postal_code: details.address.postal_code ?? '',
    country: details.address.country ?? '',
    shipping_rate: stored.session.shipping_cost?.shipping_rate,
  };
}
