import { orderStatusLabel } from '@/components/orders/order-status';
import { ORDER_STATUSES } from '@/lib/store/orders';

/** A plain GET form: filtering works without JavaScript and every result has its own URL. */
export function OrderFilters({ status, q }: { status: string; q: string }) {
  return (
    <form method="get" action="/admin/orders" className="admin-filters" role="search">
      <label htmlFor="filter-status">Status</label>
      <select id="filter-status" name="status" defaultValue={status}>
        <option value="">Any status</option>
        <option value="to_ship">To ship (paid, not shipped)</option>
        {ORDER_STATUSES.map((value) => (
          <option key={value} value={value}>
            {orderStatusLabel(value)}
          </option>
        ))}
      </select>
      <label htmlFor="filter-q">Order number or email</label>
      <input id="filter-q" name="q" type="search" defaultValue={q} />
      <button type="submit">Show orders</button>
    </form>
  );
}
