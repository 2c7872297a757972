import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RefundForm } from '@/components/admin/refund-form';
import { capturedPayment, reviewReasonOf } from '@/lib/orders/captured-payment';
import { ShipForm } from '@/components/admin/ship-form';
import { OrderAmounts, OrderLines } from '@/components/orders/order-breakdown';
import { OrderStatusBadge } from '@/components/orders/order-status';
import { listOrderAudit } from '@/lib/admin/audit-log';
import { requireOperator } from '@/lib/admin/operator-session';
import { formatMoney } from '@/lib/money';
import { formatShipping, REFUND_REASONS } from '@/lib/orders/order-events';
import { formatDateTime, loadMailJobs, orderTimeline } from '@/lib/orders/order-timeline';
import { viewRefundRequest } from '@/lib/refunds/process-refund-request';
import { getOrder } from '@/lib/store/orders';
import { listOrderRefundRequests } from '@/lib/store/refund-requests';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = { title: 'Order' };

type Props = { params: Promise<{ id: string }> };

const REASON_LABELS: Record<(typeof REFUND_REASONS)[number], string> = {
  requested_by_customer: 'Requested by the customer',
  duplicate: 'Duplicate payment',
  fraudulent: 'Fraudulent',
};

export default async function AdminOrderPage({ params }: Props) {
  await requireOperator();
  const { id } = await params;
  const store = getStore();
  const order = /^ord_[A-Za-z0-9]{1,40}$/.test(id) ? await getOrder(store, id) : null;
  if (!order) notFound();
  const [mail, actions, requestIds] = await Promise.all([
    loadMailJobs(store, order),
    listOrderAudit(store, order.id),
    listOrderRefundRequests(store, order.id),
  ]);
  const requests = (
    await Promise.all(requestIds.map((requestId) => viewRefundRequest({ store }, requestId)))
  ).filter((view) => view !== null);
  const timeline = orderTimeline(
    order,
    mail,
    actions.map((entry) => ({
      key: `audit-${entry.id}`,
      at: entry.at,
      text: `${entry.actor}: ${entry.action.replace('_', ' ')} ${entry.outcome === 'ok' ? '' : `(${entry.outcome}) `}— ${entry.detail}`,
    })),
  );
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const captured = capturedPayment(order);
  const review = reviewReasonOf(order);
  const left = (captured?.amount ?? order.total) - order.refunded;
  const paid = order.payment === 'paid';

  return (
    <article className="order" aria-labelledby="order-title">
      <p>
        <Link href="/admin/orders">All orders</Link>
      </p>
      <h1 id="order-title">Order {order.id}</h1>
      <p>
        Status: <OrderStatusBadge status={order.status} />
      </p>
      {review && order.status === 'needs_review' ? (
        <p className="admin-review" role="alert">
          Held for review: {review}
        </p>
      ) : null}
      <div className="admin-table-wrap">
        <OrderLines order={order} />
      </div>
      <dl className="order-facts">
        <OrderAmounts order={order} />
        <div>
          <dt>Refunded</dt>
          <dd data-testid="admin-refunded">{money(order.refunded)}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{order.paid?.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>
            {order.paid
              ? `${order.paid.paymentIntentId}${order.paid.card ? `, ${order.paid.card.brand} ending in ${order.paid.card.last4}` : ''}`
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Shipping address</dt>
          <dd>{formatShipping(order.paid?.shipping) ?? '—'}</dd>
        </div>
        <div>
          <dt>Shipment</dt>
          <dd>
            {order.shipment
              ? `${order.shipment.carrier} ${order.shipment.trackingNumber}, by ${order.shipment.by}`
              : 'Not shipped'}
          </dd>
        </div>
      </dl>

      {order.refunds.length > 0 ? (
        <>
          <h2>Refunds</h2>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="visually-hidden">Refunds</caption>
              <thead>
                <tr>
                  <th scope="col">Refund</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {order.refunds.map((refund) => (
                  <tr key={refund.refundId}>
                    <td>{refund.refundId}</td>
                    <td>{money(refund.amount)}</td>
                    <td>
                      {refund.status}
                      {refund.failureReason
                        ? ` (${refund.failureReason.replaceAll('_', ' ')})`
                        : ''}
                    </td>
                    <td>{refund.requestId ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {requests.length > 0 ? (
        <>
          <h2>Refund requests</h2>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="visually-hidden">Refund requests, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">Refund</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.request_id}>
                    <td>{request.request_id}</td>
                    <td>{request.amount === null ? 'Everything left' : money(request.amount)}</td>
                    <td>
                      {request.status}
                      {request.failure_reason ? ` (${request.failure_reason})` : ''}
                    </td>
                    <td>{request.refund_id ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <div className="admin-actions">
        {paid ? (
          <ShipForm
            orderId={order.id}
            closed={
              order.shipment
                ? 'This order has shipped.'
                : order.status === 'refunded'
                  ? 'Refunded in full: nothing to ship.'
                  : null
            }
          />
        ) : null}
        {captured ? (
          <RefundForm
            orderId={order.id}
            requestId={crypto.randomUUID()}
            leftText={`${money(left)} of ${money(captured.amount)} is left to refund.`}
            currencyCode={order.currency.toUpperCase()}
            reasons={REFUND_REASONS.map((value) => ({ value, label: REASON_LABELS[value] }))}
            refundable={left > 0}
          />
        ) : null}
      </div>

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
