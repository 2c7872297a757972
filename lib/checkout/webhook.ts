/**
 * Stripe webhooks: verify the signature over the raw body, claim the event id
 * once, act on what Stripe says now (the intent or charge is read again, so
 * late or out-of-order events cannot move an order backwards), and answer so
 * that Stripe retries only what is worth retrying.
 */
import 'server-only';
import Stripe from 'stripe';
import { syncRefund } from '../refunds/sync-refund';
import { getOrder, recordPaymentAttempt, settlePayment } from '../store/orders';
import { StoreUnavailableError } from '../store/store-client';
import {
  claimWebhookEvent,
  completeWebhookEvent,
  releaseWebhookEvent,
} from '../store/webhook-events';
import { DECLINES_PER_INTENT, recordDecline } from './card-testing';
import type { CheckoutDeps } from './checkout-deps';
import {
  fulfilCheckoutSession,
  fulfilHostedIntent,
  retrieveCheckoutSession,
} from './fulfil-checkout-session';
import { fulfilOrder, UnknownOrderError } from './fulfil-order';
import { releaseOrder } from './hosted-checkout';
import { releaseHolds } from './release-holds';

export type WebhookResponse = { status: number; body: Record<string, unknown> };

/** Far above Stripe's largest events (tens of KiB), far below what could hurt the server. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Stripe says the object does not exist: permanent, so retrying the event cannot help. */
function isResourceMissing(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing'
  );
}

async function orderOfIntent(deps: CheckoutDeps, intentId: string) {
  const intent = await deps.stripe.paymentIntents.retrieve(intentId);
  const order = intent.metadata.order_id
    ? await getOrder(deps.store, intent.metadata.order_id)
    : null;
  return { intent, order };
}

async function handle(deps: CheckoutDeps, event: Stripe.Event): Promise<string> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = await deps.stripe.paymentIntents.retrieve(event.data.object.id);
      // Paid on Stripe's page: its session holds the amounts, so fulfil through it.
      const order =
        intent.metadata.payment_route === 'hosted'
          ? await fulfilHostedIntent(deps, intent)
          : await fulfilOrder(deps, intent);
      return `order ${order.id} is ${order.status}`;
    }
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = await retrieveCheckoutSession(deps, event.data.object.id);
      const order = await fulfilCheckoutSession(deps, session);
      return `order ${order.id} is ${order.status}`;
    }
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = await retrieveCheckoutSession(deps, event.data.object.id);
      const orderId = session.metadata?.order_id;
      if (!orderId || !(await getOrder(deps.store, orderId))) {
        throw new UnknownOrderError(`No order for Checkout Session ${session.id}`);
      }
      // Read again: only a session that really ended unpaid releases its order.
      if (session.status === 'expired' || session.payment_status === 'unpaid') {
        await releaseOrder(
          deps,
          orderId,
          session.status === 'expired'
            ? 'The Stripe Checkout page expired unpaid.'
            : 'The payment on Stripe’s page failed.',
        );
      }
      return `order ${orderId}: session is ${session.status}`;
    }
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled': {
      const { intent, order } = await orderOfIntent(deps, event.data.object.id);
      if (!order) throw new UnknownOrderError(`No order for PaymentIntent ${intent.id}`);
      if (event.type === 'payment_intent.payment_failed') {
        const failed = event.data.object;
        await recordPaymentAttempt(deps.store, order.id, {
          type: 'payment_failed',
          at: failed.created * 1000,
          paymentIntentId: intent.id,
          eventId: event.id,
          message: failed.last_payment_error?.message ?? 'The payment failed.',
        });
        await recordDecline(deps.store, order.sessionId, order.clientAddress ?? null);
        // An intent declined again and again is a card-testing oracle: close it.
        const cancelable = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
        // Stripe refuses to cancel a Checkout Session's intent; its page is Stripe's to guard.
        if (
          intent.metadata.payment_route !== 'hosted' &&
          order.failedAttempts.length + 1 >= DECLINES_PER_INTENT &&
          cancelable.includes(intent.status)
        ) {
          await deps.stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'fraudulent' });
          deps.log.warn({
            event: 'payment.canceled_after_declines',
            orderId: order.id,
            paymentIntentId: intent.id,
          });
        }
      }
      if (intent.status === 'canceled') {
        await releaseHolds(deps, order);
        await settlePayment(deps.store, order.id, {
          type: 'canceled',
          at: Date.now(),
          reason:
            intent.cancellation_reason === 'fraudulent'
              ? 'Payment was declined too many times.'
              : 'The payment was canceled.',
        });
      }
      return `order ${order.id}: intent is ${intent.status}`;
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed': {
      const refund = await deps.stripe.refunds.retrieve(event.data.object.id);
      return `refund ${refund.id} is ${refund.status}: ${await syncRefund(deps, refund)}`;
    }
    case 'charge.refunded': {
      // Carries no refund of its own; the charge's refunds are read again, so a refund made
      // in Stripe's dashboard shows up even if its refund.* events were not delivered.
      const charge = await deps.stripe.charges.retrieve(event.data.object.id);
      const refunds = await deps.stripe.refunds.list({ charge: charge.id, limit: 100 });
      const outcomes = await Promise.all(refunds.data.map((refund) => syncRefund(deps, refund)));
      if (outcomes.length > 0 && outcomes.every((o) => o === 'not_ours')) {
        throw new UnknownOrderError(`No order for charge ${charge.id}`);
      }
      return `charge ${charge.id}: ${outcomes.length} refunds read`;
    }
    default:
      return `ignored ${event.type}`;
  }
}

export async function handleWebhook(
  deps: CheckoutDeps,
  webhookSecret: string,
  rawBody: string,
  signature: string | null,
): Promise<WebhookResponse> {
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature ?? '', webhookSecret);
  } catch (error) {
    const message =
      error instanceof Stripe.errors.StripeSignatureVerificationError
        ? error.message
        : 'Invalid payload.';
    return { status: 400, body: { error: message } };
  }
  let token: string;
  try {
    const claim = await claimWebhookEvent(deps.store, event.id);
    if (!claim.claimed) {
      // Done: nothing to do. Still being handled elsewhere: ask Stripe to come back.
      return claim.state === 'done'
        ? { status: 200, body: { received: true, duplicate: true } }
        : { status: 409, body: { error: 'This event is being handled; retry later.' } };
    }
    token = claim.token;
  } catch (error) {
    if (error instanceof StoreUnavailableError)
      return { status: 503, body: { error: error.userMessage } };
    throw error;
  }
  try {
    const outcome = await handle(deps, event);
    await completeWebhookEvent(deps.store, event.id);
    deps.log.info({ event: 'webhook.handled', eventId: event.id, type: event.type, outcome });
    return { status: 200, body: { received: true, outcome } };
  } catch (error) {
    if (error instanceof UnknownOrderError || isResourceMissing(error)) {
      // Not an order of this store (another integration on the same account), or an object
      // Stripe does not know: acknowledged, since no retry can change that.
      const outcome = error instanceof Error ? error.message : String(error);
      deps.log.warn(
        { event: 'webhook.acknowledged', eventId: event.id, type: event.type, outcome },
        'nothing to act on',
      );
      await completeWebhookEvent(deps.store, event.id).catch(() => undefined);
      return { status: 200, body: { received: true, outcome } };
    }
    await releaseWebhookEvent(deps.store, event.id, token).catch(() => undefined);
    deps.log.error(
      {
        event: 'webhook.failed',
        eventId: event.id,
        type: event.type,
        error: error instanceof Error ? error.message : String(error),
      },
      'handling failed; Stripe will retry',
    );
    return { status: 500, body: { error: 'Handling failed; Stripe will retry.' } };
  }
}
