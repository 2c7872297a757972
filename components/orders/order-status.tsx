import type { OrderStatus } from '@/lib/store/orders';

const LABELS: Record<OrderStatus, string> = {
  pending: 'Processing',
  paid: 'Paid',
  shipped: 'Shipped',
  needs_review: 'Needs review',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  canceled: 'Canceled',
};

export function orderStatusLabel(status: OrderStatus): string {
  return LABELS[status];
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`order-status order-status--${status}`}>{LABELS[status]}</span>;
}
