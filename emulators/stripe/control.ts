/**
 * The control API under /_emulator/ (loopback only): what tests use to reset
 * state, read what happened, shape webhook delivery, inject faults, move
 * the clock and pay Checkout Sessions without a browser. Bodies are JSON.
 * See README.md for every route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expireDueSessions } from './checkout-expiry';
import {
  authenticateCheckout,
  payCheckoutSession,
  PAYMENT_FORM_FIELDS,
  type PaymentForm,
  type PaymentOutcome,
} from './checkout-payment';
import { sessionView } from './checkout-sessions';
import type { Fault } from './faults';
import { readBody, sendJson } from './http-util';
import type { StripeEmulator } from './server';
import type { DeliveryMode, WebhookConfig } from './webhooks';

type Json = Record<string, unknown>;

async function jsonBody(request: IncomingMessage): Promise<Json> {
  const text = await readBody(request);
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('The body must be a JSON object');
  }
  return parsed as Json;
}

function metadataFilter(url: URL): Array<[string, string]> {
  const filters: Array<[string, string]> = [];
  for (const [name, value] of url.searchParams) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match) filters.push([match[1]!, value]);
  }
  return filters;
}

/** The asynchronous refunds still to settle, and when, in the emulator clock's unix seconds. */
function refundScheduleView(emulator: StripeEmulator) {
  const schedule = emulator.state.refundSchedule;
  return {
    settleDelayMs: schedule.settleDelayMs,
    pending: schedule.pending().map((entry) => {
      const refund = emulator.state.refunds.get(entry.refundId);
      return {
        refund: entry.refundId,
        status: refund?.status ?? null,
        settlesAt: entry.settlesAtMs / 1000,
      };
    }),
  };
}

function paymentForm(body: Json): PaymentForm {
  const form: PaymentForm = {};
  for (const name of PAYMENT_FORM_FIELDS) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Error(`${name} must be a string`);
    form[name] = value;
  }
  return form;
}

/** The HTTP status a browser would have seen for the outcome, and the outcome as JSON. */
function paymentAnswer(emulator: StripeEmulator, id: string, outcome: PaymentOutcome) {
  const stored = emulator.state.checkoutSessions.get(id)!;
  const status = {
    complete: 200,
    requires_action: 200,
    declined: 402,
    invalid: 400,
    failed: 400,
    closed: 409,
  }[outcome.kind];
  return {
    status,
    body: {
      ...outcome,
      ...(outcome.kind === 'requires_action'
        ? { challengeUrl: `${stored.origin}/c/pay/${id}/3ds` }
        : {}),
      session: sessionView(emulator.state, stored, ['line_items']),
    },
  };
}

/**
 * `/_emulator/checkout/sessions/:id` (the session with its tax transaction),
 * `…/pay` (what the hosted page's Pay does, from JSON) and `…/authenticate`
 * (the 3D Secure answer). Undefined for any other route.
 */
async function checkoutControl(
  emulator: StripeEmulator,
  request: IncomingMessage,
  route: string,
  origin: string,
): Promise<{ status: number; body: unknown } | undefined> {
  const match =
    /^(GET|POST) \/_emulator\/checkout\/sessions\/([A-Za-z0-9_]+)(?:\/(pay|authenticate))?$/.exec(
      route,
    );
  if (!match) return undefined;
  const [, method, id, action] = match;
  const { state } = emulator;
  expireDueSessions(state);
  const stored = state.checkoutSessions.get(id!);
  if (!stored)
    return { status: 404, body: { error: { message: `No such checkout.session: ${id}` } } };
  if (method === 'GET' && !action) {
    const intent = stored.session.payment_intent;
    const refunds = [...state.refunds.values()].filter(
      (r) => intent && r.payment_intent === intent,
    );
    return {
      status: 200,
      body: {
        session: sessionView(state, stored, ['line_items']),
        taxTransaction: (intent && state.checkoutTaxTransactions.get(intent)) ?? null,
        // The reversals Stripe Tax recorded for the payment's refunds, oldest first.
        taxReversals: refunds.flatMap((r) => {
          const reversal = state.taxRefundReversals.get(r.id);
          return reversal ? [{ refund: r.id, transaction: reversal }] : [];
        }),
      },
    };
  }
  if (method !== 'POST' || !action) return undefined;
  const body = await jsonBody(request);
  if (action === 'pay') {
    return paymentAnswer(
      emulator,
      id!,
      payCheckoutSession(state, stored, paymentForm(body), origin),
    );
  }
  const { result } = body;
  if (result !== 'success' && result !== 'fail')
    throw new Error('Send {"result": "success" | "fail"}');
  return paymentAnswer(emulator, id!, authenticateCheckout(state, stored, result, origin));
}

export async function handleControl(
  emulator: StripeEmulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${request.method} ${url.pathname.replace(/\/+$/, '')}`;
  const { state, webhooks } = emulator;
  try {
    const checkout = await checkoutControl(
      emulator,
      request,
      route,
      `http://${request.headers.host ?? '127.0.0.1'}`,
    );
    if (checkout) return sendJson(response, checkout.status, checkout.body);
    if (route === 'POST /_emulator/reset') {
      emulator.reset();
      return sendJson(response, 200, { reset: true });
    }
    if (route === 'GET /_emulator/requests') {
      return sendJson(response, 200, { data: emulator.requestLog });
    }
    if (route === 'GET /_emulator/payment_intents') {
      const filters = metadataFilter(url);
      const data = [...state.paymentIntents.values()].filter((intent) =>
        filters.every(([key, value]) => intent.metadata[key] === value),
      );
      return sendJson(response, 200, { data });
    }
    if (route === 'GET /_emulator/events') {
      const type = url.searchParams.get('type');
      return sendJson(response, 200, {
        data: state.events.filter((e) => !type || e.type === type),
      });
    }
    if (route === 'GET /_emulator/deliveries') {
      return sendJson(response, 200, { data: webhooks.deliveries });
    }
    const resend = /^POST \/_emulator\/events\/([A-Za-z0-9_]+)\/resend$/.exec(route);
    if (resend) {
      const event = state.eventsById.get(resend[1]!);
      if (!event)
        return sendJson(response, 404, { error: { message: `No such event: ${resend[1]}` } });
      return sendJson(response, 200, webhooks.resend(event));
    }
    if (route === 'POST /_emulator/webhooks/flush') {
      const { timeoutMs } = await jsonBody(request);
      const idle = await webhooks.flush(typeof timeoutMs === 'number' ? timeoutMs : undefined);
      return sendJson(response, idle ? 200 : 504, { idle, deliveries: webhooks.deliveries.length });
    }
    if (route === 'GET /_emulator/webhooks') {
      return sendJson(response, 200, webhooks.config);
    }
    if (route === 'POST /_emulator/webhooks') {
      const patch = (await jsonBody(request)) as Partial<Omit<WebhookConfig, 'mode'>> & {
        mode?: Partial<DeliveryMode>;
      };
      return sendJson(response, 200, webhooks.configure(patch));
    }
    if (route === 'GET /_emulator/faults') {
      return sendJson(response, 200, { data: emulator.faults.faults });
    }
    if (route === 'POST /_emulator/faults') {
      const body = await jsonBody(request);
      emulator.faults.add({ count: 1, ...body } as Fault);
      return sendJson(response, 200, { data: emulator.faults.faults });
    }
    if (route === 'DELETE /_emulator/faults') {
      emulator.faults.reset();
      return sendJson(response, 200, { data: [] });
    }
    if (route === 'GET /_emulator/clock') {
      return sendJson(response, 200, { now: state.clock.now() });
    }
    if (route === 'POST /_emulator/clock') {
      const { advanceSeconds, now } = await jsonBody(request);
      if (typeof advanceSeconds === 'number') state.clock.advance(advanceSeconds);
      else if (typeof now === 'number') state.clock.set(now);
      else throw new Error('Send {"advanceSeconds": n} or {"now": unixSeconds}');
      // Refunds whose settle time the clock has now passed settle before this answers,
      // and Checkout Sessions whose `expires_at` it passed expire.
      const settled = state.refundSchedule.clockMoved();
      const expired = expireDueSessions(state);
      return sendJson(response, 200, {
        now: state.clock.now(),
        settledRefunds: settled,
        expiredCheckoutSessions: expired,
      });
    }
    if (route === 'GET /_emulator/refunds') {
      return sendJson(response, 200, refundScheduleView(emulator));
    }
    if (route === 'POST /_emulator/refunds') {
      const { settleDelayMs } = await jsonBody(request);
      if (typeof settleDelayMs !== 'number' || settleDelayMs < 0) {
        throw new Error(
          'Send {"settleDelayMs": n} (n >= 0): the delay for refunds created from now on',
        );
      }
      state.refundSchedule.settleDelayMs = settleDelayMs;
      return sendJson(response, 200, refundScheduleView(emulator));
    }
    if (route === 'POST /_emulator/refunds/settle') {
      return sendJson(response, 200, { settled: state.refundSchedule.settleAll() });
    }
    sendJson(response, 404, {
      error: { message: `No control route ${route}; see emulators/stripe/README.md` },
    });
  } catch (error) {
    sendJson(response, 400, {
      error: { message: error instanceof Error ? error.message : String(error) },
    });
  }
}
