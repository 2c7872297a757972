/**
 * When Checkout Sessions expire: by `POST /v1/checkout/sessions/:id/expire`,
 * or once the emulator's clock passes `expires_at`. "After it expires, a
 * customer can't complete a Checkout Session" (docs.stripe.com/api/checkout/
 * sessions/expire), so its PaymentIntent, if the shopper got as far as one,
 * is canceled, and Stripe sends `checkout.session.expired`. The clock is
 * checked on every API request, every hosted page request and every move of
 * the clock (`POST /_emulator/clock`), which is when anyone could notice.
 */
import type { StoredCheckoutSession } from './checkout-objects';
import type { PaymentIntentStatus } from './objects';
import type { EmulatorState, RequestContext } from './state';

/** The statuses in which a PaymentIntent can still be canceled. */
const CANCELABLE: PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
];

export function expireSession(
  state: EmulatorState,
  stored: StoredCheckoutSession,
  context: RequestContext | null,
): void {
  const { session } = stored;
  session.status = 'expired';
  // "This value is only present when the session is active."
  session.url = null;
  const intent = session.payment_intent
    ? state.paymentIntents.get(session.payment_intent)
    : undefined;
  if (intent && CANCELABLE.includes(intent.status)) {
    intent.status = 'canceled';
    intent.canceled_at = state.clock.now();
    intent.next_action = null;
    intent.amount_capturable = 0;
    state.emit('payment_intent.canceled', intent, context);
  }
  state.emit('checkout.session.expired', session, context);
}

/** Expires every open session whose `expires_at` has passed; answers their ids. */
export function expireDueSessions(state: EmulatorState): string[] {
  const now = state.clock.now();
  const expired: string[] = [];
  for (const stored of state.checkoutSessions.values()) {
    if (stored.session.status !== 'open' || stored.session.expires_at > now) continue;
    // Nobody asked for it: the events name no request, as for refunds that settle later.
    expireSession(state, stored, null);
    expired.push(stored.session.id);
  }
  return expired;
}
