import 'server-only';
import { capturedPayment } from '../orders/captured-payment';
import type { Order } from '../store/orders';

const iso = (ms: number) => new Date(ms).toISOString();

/** An order as the operator API shows it; amounts are integer minor units of `currency`. */
export function toOrderJson(order: Order) {
  return {
    id: order.id,
    status: order.status,
    payment_status: order.payment,
    created_at: iso(order.createdAt),
    email: order.paid?.email ?? null,
    currency: order.currency,
    items: order.lines.map((line) => ({
      book_id: line.bookId,
      title: line.title,
      quantity: line.quantity,
      unit_amount: line.unitAmount,
      line_total: line.lineTotal,
    })),
    subtotal: order.subtotal,
    discount: order.discount ?? null,
    shipping: order.shipping,
    shipping_rate: order.shippingRate,
    tax: order.tax ? { amount: order.tax.amount, calculation_id: order.tax.calculationId } : null,
    total: order.total,
    amount_refunded: order.refunded,
    payment_intent_id: capturedPayment(order)?.paymentIntentId ?? null,
    shipping_address: order.paid?.shipping ?? null,
    shipment: order.shipment
      ? {
          carrier: order.shipment.carrier,
          tracking_number: order.shipment.trackingNumber,
          shipped_at: iso(order.shipment.at),
        }
      : null,
    refunds: order.refunds.map((refund) => ({
      id: refund.refundId,
      amount: refund.amount,
      status: refund.status,
      reason: refund.reason,
      failure_reason: refund.failureReason,
      request_id: refund.requestId,
    })),
  };
}
