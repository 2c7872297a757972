/** Everything the emulator remembers, and the one place events are created. */
import type { Coupon, ShippingRate, StoredCheckoutSession } from './checkout-objects';
import { Clock } from './clock';
import { newId } from './ids';
import { RefundSchedule } from './refund-schedule';
import {
  clone,
  type Charge,
  type PaymentIntent,
  type PaymentMethod,
  type Refund,
  type StripeEvent,
} from './objects';
import type { StoredCalculation, StoredTransaction, TaxAssociation } from './tax-objects';

export const DEFAULT_API_VERSION = '2026-10-28.endive';

export type RequestContext = {
  requestId: string;
  idempotencyKey: string | null;
  auth: 'secret' | 'publishable';
  /** The emulator's own origin, for URLs it hands out (3D Secure and Checkout pages). */
  origin: string;
};

export class EmulatorState {
  readonly clock = new Clock();
  /** Refunds whose status changes "some time later" (the asynchronous refund test cards). */
  readonly refundSchedule = new RefundSchedule(this.clock);
  paymentIntents = new Map<string, PaymentIntent>();
  charges = new Map<string, Charge>();
  refunds = new Map<string, Refund>();
  paymentMethods = new Map<string, PaymentMethod>();
  /** Card numbers behind payment methods; never part of any response. */
  cardNumbers = new Map<string, string>();
  /** Confirmation attempts per intent, for the attempt limit. */
  confirmAttempts = new Map<string, number>();
  taxCalculations = new Map<string, StoredCalculation>();
  taxTransactions = new Map<string, StoredTransaction>();
  /** Every tax transaction reference in use, reversals included, and its transaction. */
  taxReferences = new Map<string, string>();
  /** Tax Associations by PaymentIntent id: an intent linked to a calculation. */
  taxAssociations = new Map<string, TaxAssociation>();
  /** The tax reversal recorded for each refund of a linked intent or Checkout payment. */
  taxRefundReversals = new Map<string, string>();
  checkoutSessions = new Map<string, StoredCheckoutSession>();
  coupons = new Map<string, Coupon>();
  shippingRates = new Map<string, ShippingRate>();
  /** The tax transaction of each Checkout payment with automatic tax, by PaymentIntent. */
  checkoutTaxTransactions = new Map<string, string>();
  events: StripeEvent[] = [];
  eventsById = new Map<string, StripeEvent>();
  private listeners: Array<(event: StripeEvent) => void> = [];

  onEvent(listener: (event: StripeEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Records an event with a snapshot of `object` as it is now, and hands it to
   * the dispatcher. `*.updated` events also carry what the changed fields were
   * before (`previous_attributes`), as Stripe's do.
   */
  emit(
    type: string,
    object: unknown,
    context: RequestContext | null,
    previousAttributes?: Record<string, unknown>,
  ): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: DEFAULT_API_VERSION,
      created: this.clock.now(),
      data: {
        object: clone(object),
        ...(previousAttributes ? { previous_attributes: clone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: context?.requestId ?? null, idempotency_key: context?.idempotencyKey ?? null },
      type,
    };
    this.events.push(event);
    this.eventsById.set(event.id, event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  reset(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.paymentMethods.clear();
    this.cardNumbers.clear();
    this.confirmAttempts.clear();
    this.taxCalculations.clear();
    this.taxTransactions.clear();
    this.taxReferences.clear();
    this.taxAssociations.clear();
    this.taxRefundReversals.clear();
    this.checkoutSessions.clear();
    this.coupons.clear();
    this.shippingRates.clear();
    this.checkoutTaxTransactions.clear();
    this.events = [];
    this.eventsById.clear();
    this.refundSchedule.reset();
    this.clock.reset();
  }
}

/** Newest first, `limit` (1–100, default 10) after `starting_after`, as Stripe lists. */
export function paginate<T extends { id: string }>(
  items: T[],
  url: string,
  limit: number | undefined,
  startingAfter: string | undefined,
) {
  const size = Math.min(Math.max(limit ?? 10, 1), 100);
  const newestFirst = [...items].reverse();
  const start = startingAfter ? newestFirst.findIndex((item) => item.id === startingAfter) + 1 : 0;
  const page = newestFirst.slice(start, start + size);
  return { object: 'list' as const, data: page, has_more: start + size < newestFirst.length, url };
}
