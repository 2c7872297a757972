import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderStatusBadge, orderStatusLabel } from '@/components/orders/order-status';
import { findViewableOrder } from '@/lib/checkout/session-orders';
import { jobIds } from '@/lib/jobs/job-kinds';
import { getJob, type Job } from '@/lib/jobs/job-store';
import { formatMoney } from '@/lib/money';
import { formatShipping, paidDetailsOf } from '@/lib/orders/paid-details';
import { getStore } from '@/lib/store/store-client';
import type { OrderMove } from '@/lib/store/orders';

export const metadata: Metadata = { title: 'Your order', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function dateTime(ms: number): string {
  return (
    new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(ms) + ' UTC'
  );
}

function receiptEntry(job: Job | null) {
  if (!job) return [];
  const text =
    job.status === 'succeeded'
      ? 'Receipt sent'
      : job.status === 'failed'
        ? `Receipt could not be sent (${job.lastError ?? 'unknown error'})`
        : job.attempts > 0
          ? 'Receipt not sent yet: retrying'
          : 'Receipt queued';
  return [{ key: `job-${job.id}`, at: job.updatedAt, text }];
}

export default async function OrderPage({ params, searchParams }: Props) {
  const order = await findViewableOrder((await params).id, (await searchParams).token);
  if (!order) notFound();
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const paid = paidDetailsOf(order);
  const shippingAddress = formatShipping(paid?.shipping);
  const receipt = paid ? await getJob(getStore(), jobIds.receipt(order.id)) : null;
  const timeline = [
    { key: 'placed', at: order.createdAt, text: 'Order placed' },
    ...order.failedAttempts.map((attempt) => ({
      key: attempt.eventId,
      at: attempt.at,
      text: `Payment attempt failed: ${attempt.message}`,
    })),
    ...order.history.map((move: OrderMove) => ({
      key: `${move.from}-${move.to}`,
      at: move.at,
      text: orderStatusLabel(move.to),
    })),
    ...receiptEntry(receipt),
  ].sort((a, b) => a.at - b.at);

  return (
    <article className="order" aria-labelledby="order-title">
      <h1 id="order-title">Order {order.id}</h1>
      <p>
        Status: <OrderStatusBadge status={order.status} />
        {order.status === 'pending'
          ? ' — your payment is being processed; this page updates when it completes.'
          : null}
      </p>
      <table className="order-lines">
        <caption className="visually-hidden">Items</caption>
        <thead>
          <tr>
            <th scope="col">Book</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.bookId}>
              <td>{line.title}</td>
              <td>{line.quantity}</td>
              <td>{money(line.unitAmount)}</td>
              <td>{money(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="order-facts">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(order.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{order.shipping === 0 ? 'Free' : money(order.shipping)}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd data-testid="order-total">{money(order.total)}</dd>
        </div>
        {order.refunded > 0 ? (
          <div>
            <dt>Refunded</dt>
            <dd>{money(order.refunded)}</dd>
          </div>
        ) : null}
        {paid?.email ? (
          <div>
            <dt>Email</dt>
            <dd>{paid.email}</dd>
          </div>
        ) : null}
        {paid?.card ? (
          <div>
            <dt>Payment method</dt>
            <dd>
              {paid.card.brand} ending in {paid.card.last4}
            </dd>
          </div>
        ) : null}
        {shippingAddress ? (
          <div>
            <dt>Shipping address</dt>
            <dd>{shippingAddress}</dd>
          </div>
        ) : null}
      </dl>
      <h2>Timeline</h2>
      <ol className="order-timeline">
        {timeline.map((entry) => (
          <li key={entry.key}>
            {entry.text} — {dateTime(entry.at)}
          </li>
        ))}
      </ol>
    </article>
  );
}
