import 'server-only';
import type { Redis } from '@upstash/redis';
import { createElement } from 'react';
import type { Logger } from '../log/logger';
import { isSendableAddress } from '../mail/email-address';
import type { Mailer } from '../mail/mailer';
import { renderEmail } from '../mail/render-email';
import { ReceiptEmail } from '../mail/templates/receipt-email';
import { RefundEmail } from '../mail/templates/refund-email';
import { orderLinkUrl } from '../orders/order-link';
import { formatShipping, paidDetailsOf } from '../orders/paid-details';
import { getOrder, type Order } from '../store/orders';
import { STORE_NAME } from '../store-settings';
import type { JobKind, JobPayload } from './job-kinds';
import { PermanentJobError } from './job-errors';

export type JobDeps = {
  store: Redis;
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
  const paid = paidDetailsOf(order);
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

  async 'refund-notice'(deps, { orderId, amountRefunded }, jobId) {
    const { order, to } = await paidOrder(deps, orderId);
    const { html, text } = await renderEmail(
      createElement(RefundEmail, {
        orderId: order.id,
        currency: order.currency,
        total: order.total,
        amountRefunded,
        orderUrl: orderLinkUrl(deps.appUrl, order.id, deps.secret),
      }),
    );
    const full = amountRefunded >= order.total;
    await deps.mailer.send({
      id: jobId,
      to,
      subject: `${full ? 'Refunded' : 'Partly refunded'}: your ${STORE_NAME} order ${order.id}`,
      html,
      text,
    });
  },
};
