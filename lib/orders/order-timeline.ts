/**
 * An order's timeline in words, for the shopper's order page and the back
 * office alike: what happened to the payment, the mail, the shipment and the
 * refunds, oldest first.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { jobIds } from '../jobs/job-kinds';
import { getJob, type Job } from '../jobs/job-store';
import { formatMoney } from '../money';
import type { Order } from '../store/orders';
import type { OrderEvent } from './order-events';

export type TimelineEntry = { key: string; at: number; text: string };

/** The mail jobs an order's events started. */
export function mailJobIds(order: Order): { id: string; what: string }[] {
  const ids: { id: string; what: string }[] = [];
  if (order.paid) ids.push({ id: jobIds.receipt(order.id), what: 'Receipt' });
  if (order.shipment) ids.push({ id: jobIds.shipmentNotice(order.id), what: 'Shipping notice' });
  for (const refund of order.refunds) {
    ids.push({ id: jobIds.refundNotice(refund.refundId), what: 'Refund notice' });
  }
  return ids;
}

export async function loadMailJobs(
  store: Redis,
  order: Order,
): Promise<{ job: Job; what: string }[]> {
  const wanted = mailJobIds(order);
  const jobs = await Promise.all(wanted.map(({ id }) => getJob(store, id)));
  return jobs.flatMap((job, i) => (job ? [{ job, what: wanted[i]!.what }] : []));
}

function mailEntry({ job, what }: { job: Job; what: string }): TimelineEntry {
  const text =
    job.status === 'succeeded'
      ? `${what} sent`
      : job.status === 'failed'
        ? `${what} could not be sent (${job.lastError ?? 'unknown error'})`
        : job.attempts > 0
          ? `${what} not sent yet: retrying`
          : `${what} queued`;
  return { key: `job-${job.id}`, at: job.updatedAt, text };
}

const REFUND_WORDS = {
  pending: 'pending',
  requires_action: 'waiting for the bank',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
} as const;

function eventText(order: Order, event: OrderEvent): string {
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  switch (event.type) {
    case 'paid':
      return event.card
        ? `Paid ${money(order.total)} with ${event.card.brand} ending in ${event.card.last4}`
        : `Paid ${money(order.total)}`;
    case 'needs_review':
      return `Needs review: ${event.reason}`;
    case 'canceled':
      return `Canceled: ${event.reason}`;
    case 'payment_failed':
      return `Payment attempt failed: ${event.message}`;
    case 'shipped':
      return `Shipped with ${event.carrier}, tracking number ${event.trackingNumber}`;
    case 'refund':
      return `Refund of ${money(event.amount)} ${REFUND_WORDS[event.status]}${
        event.failureReason ? ` (${event.failureReason.replaceAll('_', ' ')})` : ''
      }`;
  }
}

export function orderTimeline(
  order: Order,
  mail: { job: Job; what: string }[],
  extra: TimelineEntry[] = [],
): TimelineEntry[] {
  return [
    { key: 'placed', at: order.createdAt, text: 'Order placed' },
    ...order.events.map((event, i) => ({
      key: `event-${i}`,
      at: event.at,
      text: eventText(order, event),
    })),
    ...mail.map(mailEntry),
    ...extra,
  ].sort((a, b) => a.at - b.at);
}

const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Dec 1, 2026, 8:30 PM UTC": one zone for everyone, as in mail. */
export function formatDateTime(ms: number): string {
  return `${DATE_TIME.format(ms)} UTC`;
}
