import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderFilters } from '@/components/admin/order-filters';
import { OrderStatusBadge } from '@/components/orders/order-status';
import { requireOperator } from '@/lib/admin/operator-session';
import { parseOrderSearch, searchOrders } from '@/lib/admin/order-search';
import { formatMoney } from '@/lib/money';
import { formatDateTime } from '@/lib/orders/order-timeline';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = { title: 'Orders' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  await requireOperator();
  const params = await searchParams;
  const parsed = parseOrderSearch(params);
  const search = parsed.ok ? parsed.search : { status: null, q: '', cursor: null };
  const page = parsed.ok ? await searchOrders(getStore(), parsed.search) : null;
  const next = page?.nextCursor
    ? `/admin/orders?${new URLSearchParams({
        ...(search.status ? { status: search.status } : {}),
        ...(search.q ? { q: search.q } : {}),
        cursor: page.nextCursor,
      })}`
    : null;
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <OrderFilters status={search.status ?? ''} q={search.q} />
      {!parsed.ok ? (
        <p role="alert" className="form-status form-status--error">
          {parsed.message}
        </p>
      ) : null}
      {page && page.orders.length === 0 ? <p role="status">No orders match.</p> : null}
      {page && page.orders.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Date</th>
                <th scope="col">Email</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page.orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link href={`/admin/orders/${order.id}`}>{order.id}</Link>
                  </td>
                  <td>{formatDateTime(order.createdAt)}</td>
                  <td>{order.paid?.email ?? '—'}</td>
                  <td>{order.lines.reduce((sum, line) => sum + line.quantity, 0)}</td>
                  <td>{formatMoney({ amount: order.total, currency: order.currency })}</td>
                  <td>
                    <OrderStatusBadge status={order.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <p>
          <Link href={next}>Older orders</Link>
        </p>
      ) : null}
    </section>
  );
}
