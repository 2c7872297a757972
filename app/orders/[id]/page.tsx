import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderAmounts, OrderLines } from '@/components/orders/order-breakdown';
import { OrderStatusBadge } from '@/components/orders/order-status';
import { findViewableOrder } from '@/lib/checkout/session-orders';
import { formatMoney } from '@/lib/money';
import { formatShipping } from '@/lib/orders/order-events';
import { formatDateTime, loadMailJobs, orderTimeline } from '@/lib/orders/order-timeline';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = { title: 'Your order', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OrderPage({ params, searchParams }: Props) {
  const order = await findViewableOrder((await params).id, (await searchParams).token);
  if (!order) notFound();
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const paid = order.paid;
  const shippingAddress = formatShipping(paid?.shipping);
  const timeline = orderTimeline(order, await loadMailJobs(getStore(), order));

  return (
    <article className="order" aria-labelledby="order-title">
      <h1 id="order-title">Order {order.id}</h1>
      <p>
        Status: <OrderStatusBadge status={order.status} />
        {order.status === 'pending'
          ? ' — your payment is being processed; this page updates when it completes.'
          : null}
      </p>
      <OrderLines order={order} />
      <dl className="order-facts">
        <OrderAmounts order={order} />
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
        {order.shipment ? (
          <div>
            <dt>Tracking</dt>
            <dd>
              {order.shipment.carrier} {order.shipment.trackingNumber}
            </dd>
          </div>
        ) : null}
      </dl>
      <h2>Timeline</h2>
      <ol className="order-timeline">
        {timeline.map((entry) => (
          <li key={entry.key}>
            {entry.text} — {formatDateTime(entry.at)}
          </li>
        ))}
      </ol>
    </article>
  );
}
