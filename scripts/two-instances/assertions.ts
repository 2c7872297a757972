/**
 * What a scenario must end with, read from the systems of record (Stripe's
 * intents, the store's orders, the mail catcher), not from what shoppers saw.
 */
import type { Redis } from '@upstash/redis';
import { getOrder } from '../../lib/store/orders';
import type { Deployment } from './cluster';
import { listIntents, listMail, type EmulatedIntent } from './control';
import type { ShopperOutcome } from './shopper';

export type Counts = {
  shoppers: number;
  /** Shoppers who paid and were sent to their order. */
  completed: number;
  /** PaymentIntents created during the scenario. */
  intents: number;
  succeeded: number;
  paid: number;
  pending: number;
  /** Distinct receipts (by Message-ID). */
  receipts: number;
  /** Copies of a receipt sent again under its Message-ID. */
  resent: number;
};

export const receiptSubject = (orderId: string) => `Your Folio order ${orderId}`;

function groupByCart(intents: EmulatedIntent[]): Map<string, EmulatedIntent[]> {
  const carts = new Map<string, EmulatedIntent[]>();
  for (const intent of intents) {
    const cartId = intent.metadata.cart_id ?? '(no cart_id)';
    carts.set(cartId, [...(carts.get(cartId) ?? []), intent]);
  }
  return carts;
}

/**
 * `newIntents`: the intents the scenario created (the emulator's list, less
 * those that existed before it). Returns the counts and every mismatch.
 */
export async function checkScenario(
  store: Redis,
  at: Deployment,
  shoppers: number,
  outcomes: ShopperOutcome[],
  newIntents: EmulatedIntent[],
  /** Whether a worker was killed, which may resend a receipt under its Message-ID. */
  allowResends: boolean,
): Promise<{ counts: Counts; problems: string[] }> {
  const problems: string[] = [];

  // Exactly one intent per cart: asked per cart of the control API, and over all new intents.
  for (const outcome of outcomes) {
    if (outcome.clientSecrets !== 1) {
      problems.push(
        `cart ${outcome.cartId}: its four checkout pages carried ${outcome.clientSecrets} client secrets`,
      );
    }
    const ofCart = await listIntents(at, { cart_id: outcome.cartId });
    if (ofCart.length !== 1 || ofCart[0]?.id !== outcome.paymentIntentId) {
      problems.push(
        `cart ${outcome.cartId}: ${ofCart.length} intents (${ofCart.map((i) => i.id).join(', ')}), paid ${outcome.paymentIntentId}`,
      );
    }
  }
  for (const [cartId, intents] of groupByCart(newIntents)) {
    if (intents.length > 1) {
      problems.push(
        `cart ${cartId}: ${intents.length} intents (${intents.map((i) => i.id).join(', ')})`,
      );
    }
  }

  // Every intent that succeeded at Stripe has its order paid, by exactly one move.
  const succeeded = newIntents.filter((intent) => intent.status === 'succeeded');
  for (const intent of newIntents.filter((i) => i.status !== 'succeeded')) {
    problems.push(`${intent.id} is ${intent.status}: every shopper paid`);
  }
  const orders = await Promise.all(
    succeeded.map(async (intent) => ({
      intent,
      order: intent.metadata.order_id ? await getOrder(store, intent.metadata.order_id) : null,
    })),
  );
  const paidOrderIds: string[] = [];
  let pending = 0;
  for (const { intent, order } of orders) {
    if (!order) {
      problems.push(`${intent.id} succeeded, but its order ${intent.metadata.order_id} is missing`);
      continue;
    }
    if (order.status === 'pending') pending++;
    if (order.status !== 'paid') {
      problems.push(`${intent.id} succeeded, but order ${order.id} is ${order.status}`);
      continue;
    }
    const paidEvents = order.events.filter((event) => event.type === 'paid');
    if (paidEvents.length !== 1)
      problems.push(`order ${order.id} was paid ${paidEvents.length} times`);
    if (order.paid?.paymentIntentId !== intent.id) {
      problems.push(
        `order ${order.id} was paid by ${String(order.paid?.paymentIntentId)}, not ${intent.id}`,
      );
    }
    paidOrderIds.push(order.id);
  }

  // One receipt per paid order. A worker killed between the SMTP server's OK and recording
  // it makes the sweeper send the job again under the same Message-ID (README.md: a
  // deduplicating mail server drops the copy); two Message-IDs would be two receipts.
  const mail = await listMail(at);
  let receipts = 0;
  let resent = 0;
  for (const orderId of paidOrderIds) {
    const copies = mail.filter((message) => message.Subject === receiptSubject(orderId));
    const ids = new Set(copies.map((message) => message.MessageID)).size;
    receipts += ids;
    resent += copies.length - ids;
    if (ids !== 1) problems.push(`order ${orderId}: ${ids} receipts (by Message-ID)`);
    else if (copies.length > 1 && !allowResends) {
      problems.push(`order ${orderId}: sent ${copies.length} times, with no worker killed`);
    }
  }

  if (outcomes.length !== shoppers) {
    problems.push(`${shoppers - outcomes.length} of ${shoppers} shoppers did not complete`);
  }
  if (newIntents.length !== shoppers || paidOrderIds.length !== shoppers) {
    problems.push(
      `${shoppers} shoppers, but ${newIntents.length} intents and ${paidOrderIds.length} paid orders`,
    );
  }
  return {
    counts: {
      shoppers,
      completed: outcomes.length,
      intents: newIntents.length,
      succeeded: succeeded.length,
      paid: paidOrderIds.length,
      pending,
      receipts,
      resent,
    },
    problems,
  };
}
