/**
 * Orders written before the typed timeline (a `:moves` hash of status moves
 * and an `:attempts` list, no `:state`) are adopted on first read: their
 * payment, timeline and index entries are rebuilt, once, so a payment that was
 * in flight across the upgrade is still fulfilled and every order is listed.
 * Refund totals are not carried over: Stripe's next refund report for the
 * order (a webhook lists every refund of the charge) records them all.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { orderEventSchema, type OrderEvent } from '../orders/order-events';
import { ADOPT_LEGACY_ORDER } from './order-scripts';
import { storeCall } from './store-client';
import { storeScript } from './store-scripts';

const LEGACY_STATUSES = [
  'pending',
  'paid',
  'needs_review',
  'partially_refunded',
  'refunded',
  'canceled',
] as const;

const legacyMoveSchema = z.object({
  to: z.enum(LEGACY_STATUSES),
  at: z.number(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const legacyAttemptSchema = z.object({
  at: z.number(),
  paymentIntentId: z.string(),
  eventId: z.string(),
  message: z.string(),
});

type Payment = 'pending' | 'paid' | 'needs_review' | 'canceled';

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The payment and events a legacy order's moves and attempts describe. */
export function legacyTimeline(
  moves: Record<string, string>,
  attempts: unknown[],
): { payment: Payment; events: OrderEvent[] } {
  let status: (typeof LEGACY_STATUSES)[number] = 'pending';
  let payment: Payment = 'pending';
  const events: OrderEvent[] = attempts.map((raw) => ({
    type: 'payment_failed',
    ...legacyAttemptSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw),
  }));
  for (let step = 0; step < LEGACY_STATUSES.length; step++) {
    const raw = moves[`from:${status}`];
    if (!raw) break;
    const move = legacyMoveSchema.parse(JSON.parse(raw));
    const details = move.details ?? {};
    if (move.to === 'paid') {
      payment = 'paid';
      const parsed = orderEventSchema.safeParse({
        type: 'paid',
        at: move.at,
        paymentIntentId: str(details.paymentIntentId) ?? '',
        email: str(details.email),
        card: details.card ?? null,
        shipping: details.shipping ?? null,
      });
      events.push(
        parsed.success
          ? parsed.data
          : {
              type: 'paid',
              at: move.at,
              paymentIntentId: str(details.paymentIntentId) ?? '',
              email: str(details.email),
              card: null,
              shipping: null,
            },
      );
    } else if (move.to === 'needs_review' || move.to === 'canceled') {
      payment = move.to;
      events.push(
        move.to === 'canceled'
          ? {
              type: 'canceled',
              at: move.at,
              reason: str(details.reason) ?? 'The payment was canceled.',
            }
          : {
              type: 'needs_review',
              at: move.at,
              reason: str(details.reason) ?? 'The amount paid does not match the order.',
              paymentIntentId: str(details.paymentIntentId) ?? '',
              paid: { amount: 0, currency: '' },
            },
      );
    }
    status = move.to;
  }
  events.sort((a, b) => a.at - b.at);
  return { payment, events };
}

/** Adopts a legacy order (no-op when it was adopted already, or is not legacy). */
export async function adoptLegacyOrder(
  store: Redis,
  orderId: string,
  snapshot: { total: number; createdAt: number },
  moves: Record<string, string>,
  attempts: unknown[],
): Promise<void> {
  const { payment, events } = legacyTimeline(moves, attempts);
  const paid = events.find((e) => e.type === 'paid');
  const email = paid && paid.type === 'paid' && paid.email ? paid.email.trim().toLowerCase() : '';
  await storeCall('adoptLegacyOrder', () =>
    storeScript(store, ADOPT_LEGACY_ORDER).exec(
      [],
      [
        orderId,
        payment,
        String(snapshot.total),
        String(snapshot.createdAt),
        email,
        ...events.map((event) => JSON.stringify(event)),
      ],
    ),
  );
}
