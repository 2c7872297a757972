import type { Order } from '../store/orders';

/**
 * The money an order holds: paid, or paid but held for review (the shopper
 * was charged either way, so either can be refunded). Null while nothing
 * was captured.
 */
export function capturedPayment(order: Order): { paymentIntentId: string; amount: number } | null {
  if (order.payment === 'paid' && order.paid) {
    return { paymentIntentId: order.paid.paymentIntentId, amount: order.total };
  }
  if (order.payment !== 'needs_review') return null;
  const review = order.events.find((event) => event.type === 'needs_review');
  return review?.type === 'needs_review'
    ? { paymentIntentId: review.paymentIntentId, amount: review.paid.amount }
    : null;
}

/** Why an order is held for review, when it is. */
export function reviewReasonOf(order: Order): string | null {
  if (order.payment !== 'needs_review') return null;
  const review = order.events.find((event) => event.type === 'needs_review');
  return review?.type === 'needs_review' ? review.reason : null;
}
