import 'server-only';
import type { Redis } from '@upstash/redis';
import { createElement } from 'react';
import type Stripe from 'stripe';
import type { Logger } from '../log/logger';
import { isSendableAddress } from '../mail/email-address';
import { formatMoney } from '../money';
import type { Mailer } from '../mail/mailer';
import { renderEmail } from '../mail/render-email';
import { ReceiptEmail } from '../mail/templates/receipt-email';
import { RefundEmail } from '../mail/templates/refund-email';
import { orderLinkUrl } from '../orders/order-link';
import { ShipmentEmail } from '../mail/templates/shipment-email';
import { formatShipping } from '../orders/order-events';
import { processRefundRequest } from '../refunds/process-refund-request';
import { getOrder, type Order } from '../store/orders';
import { STORE_NAME } from '../store-settings';
import type { JobKind, JobPayload } from './job-kinds';
import { PermanentJobError } from './job-errors';

export type JobDeps = {
  store: Redis;
  stripe: Stripe;
  mailer: Mailer;
  /** The store's public origin, for links in mail. */
  appUrl: string;
  /** Signs order links. */
  secret: string;
  log: Logger;
  now: () => number;
};

type Handler<K extends JobKind> = (
  deps: JobDeps,
  payload: JobPayload<K>,
  jobId: string,
) => Promise<void>;

/** The paid order and the address its mail goes to; refuses what no retry can fix. */
async function paidOrder(deps: JobDeps, orderId: string) {
  const order: Order | null = await getOrder(deps.store, orderId);
  if (!order) throw new PermanentJobError(`order ${orderId} does not exist`);
  const paid = order.paid;
  if (!paid) throw new PermanentJobError(`order ${orderId} was never paid`);
  if (!isSendableAddress(paid.email)) {
    throw new PermanentJobError(`not a valid email address: ${JSON.stringify(paid.email ?? null)}`);
  }
  return { order, paid, to: { name: paid.shipping?.name ?? undefined, address: paid.email } };
}

export const JOB_HANDLERS: { [K in JobKind]: Handler<K> } = {
  async receipt(deps, { orderId }, jobId) {
    const { order, paid, to } = await paidOrder(deps, orderId);
    const { html, text } = await renderEmail(
      createElement(ReceiptEmail, {
        order,
        shippingAddress: formatShipping(paid.shipping),
        card: paid.card ?? null,
        orderUrl: orderLinkUrl(deps.appUrl, order.id, deps.secret),
      }),
    );
    await deps.mailer.send({
      id: jobId,
      to,
      subject: `Your ${STORE_NAME} order ${order.id}`,
      html,
      text,
    });
  },

  async 'refund-notice'(deps, { orderId, refundId }, jobId) {
    const { order, to } = await paidOrder(deps, orderId);
    const refund = order.refunds.find((r) => r.refundId === refundId);
    if (!refund) throw new PermanentJobError(`refund ${refundId} is not on order ${orderId}`);
    if (refund.status !== 'succeeded') {
      // It failed after it succeeded, before its notice went out: nothing to tell.
      deps.log.info({
        event: 'mail.refund_notice_skipped',
        orderId,
        refundId,
        status: refund.status,
      });
      return;
    }
    const { html, text } = await renderEmail(
      createElement(RefundEmail, {
        orderId: order.id,
        currency: order.currency,
        total: order.total,
        amount: refund.amount,
        amountRefunded: order.refunded,
        orderUrl: orderLinkUrl(deps.appUrl, order.id, deps.secret),
      }),
    );
    const amount = formatMoney({ amount: refund.amount, currency: order.currency });
    await deps.mailer.send({
      id: jobId,
      to,
      subject: `Refund of ${amount}: your ${STORE_NAME} order ${order.id}`,
      html,
      text,
    });
  },

  async 'shipment-notice'(deps, { orderId }, jobId) {
    const { order, paid, to } = await paidOrder(deps, orderId);
    if (!order.shipment) throw new PermanentJobError(`order ${orderId} has not shipped`);
    const { html, text } = await renderEmail(
      createElement(ShipmentEmail, {
        orderId: order.id,
        carrier: order.shipment.carrier,
        trackingNumber: order.shipment.trackingNumber,
        shippingAddress: formatShipping(paid.shipping),
        orderUrl: orderLinkUrl(deps.appUrl, order.id, deps.secret),
      }),
    );
    await deps.mailer.send({
      id: jobId,
      to,
      subject: `Shipped: your ${STORE_NAME} order ${order.id}`,
      html,
      text,
    });
  },

  async refund(deps, { requestId }) {
    await processRefundRequest(deps, requestId);
  },
};
