import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/orders/order-status';
import { listOrdersOfSession } from '@/lib/checkout/session-orders';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Your orders', robots: { index: false } };

export default async function OrdersPage() {
  const orders = await listOrdersOfSession();
  return (
    <>
      <h1>Your orders</h1>
      {orders.length === 0 ? (
        <p>
          You have no orders yet. <Link href="/">Browse the catalog</Link>.
        </p>
      ) : (
        <ul className="orders" aria-label="Orders">
          {orders.map((order) => (
            <li key={order.id}>
              <Link href={`/orders/${order.id}`}>Order {order.id}</Link> —{' '}
              {formatMoney({ amount: order.total, currency: order.currency })}{' '}
              <OrderStatusBadge status={order.status} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
