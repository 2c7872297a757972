import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import {
  fulfilCheckoutSession,
  retrieveCheckoutSession,
} from '@/lib/checkout/fulfil-checkout-session';
import { sessionOfShopper } from '@/lib/checkout/hosted-checkout-request';
import { startHostedCheckout, type HostedStart } from '@/lib/checkout/hosted-checkout';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import { getOrder } from '@/lib/store/orders';
import { requoteCheckout } from '@/lib/checkout/requote-checkout';
import {
  flushWebhooks,
  OREGON,
  shippingTo,
  startCheckoutHarness,
} from '../helpers/checkout-harness';

const h = startCheckoutHarness('hosted-checkout-test-secret-0123456789abcdef');
const APP = 'http://127.0.0.1:3000';

const cart = (): Cart => ({
  ...emptyCart(),
  lines: [
    { bookId: 'b01', quantity: 2 },
    { bookId: 'b02', quantity: 1 },
  ],
});

let shopper = 0;
const start = (c: Cart, country = 'US') =>
  startHostedCheckout(h.deps, c, {
    country,
    clientAddress: `192.0.2.${++shopper % 250}`,
    appUrl: APP,
  });

function redirected(result: HostedStart) {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${result.kind}`);
  return result;
}

async function sessions(): Promise<Stripe.Checkout.Session[]> {
  return (await h.t.stripe.checkout.sessions.list({ limit: 100 })).data;
}

/** What the hosted page's Pay button does, through the emulator's control API. */
function payOnPage(sessionId: string, card = '4242424242424242') {
  return h.t.control<{ kind: string }>('POST', `checkout/sessions/${sessionId}/pay`, {
    card,
    email: 'hosted@example.com',
    name: 'Ada Reader',
    line1: '1 Library Way',
    city: 'New York',
    state: 'NY',
    postal_code: '10001',
    country: 'US',
  });
}

describe('hosted Checkout', () => {
  it('makes one session for 50 concurrent submits, after retiring the embedded intent', async () => {
    const c = cart();
    const prepared = await preparePayment(h.deps, c, '198.51.100.1');
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    const results = await Promise.all(Array.from({ length: 50 }, () => start(c)));
    const urls = new Set(results.map((r) => redirected(r).url));
    const carts = new Set(results.map((r) => redirected(r).cartId));
    expect(urls.size).toBe(1);
    expect(carts.size).toBe(1);
    expect([...carts][0]).not.toBe(c.id);
    expect(await sessions()).toHaveLength(1);
    // The embedded intent can no longer be paid, and its order is released.
    const intent = await h.t.stripe.paymentIntents.retrieve(prepared.record.paymentIntentId);
    expect(intent.status).toBe('canceled');
    expect((await getOrder(h.store, prepared.record.orderId))?.status).toBe('canceled');
    // A repeat submit on the new cart reuses the session.
    const moved = { ...c, id: [...carts][0]! };
    expect(redirected(await start(moved)).url).toBe([...urls][0]);
    expect(await sessions()).toHaveLength(1);
  });

  it('never charges one cart twice when paying here races choosing Stripe’s page', async () => {
    // Round 0 pays first, round 1 chooses Stripe's page first, the rest race.
    for (let round = 0; round < 10; round++) {
      const c = cart();
      const prepared = await preparePayment(h.deps, c, `198.51.100.${10 + round}`);
      if (prepared.kind !== 'ready') throw new Error(prepared.kind);
      await requoteCheckout(h.deps, c, c.id, OREGON, null);
      const pay = () =>
        h.t.stripe.paymentIntents
          .confirm(prepared.record.paymentIntentId, {
            payment_method: 'pm_card_visa',
            shipping: shippingTo(OREGON),
          })
          .then(
            (intent) => intent.status,
            () => 'refused',
          );
      let paid: string;
      let hosted: HostedStart;
      if (round === 0) {
        paid = await pay();
        hosted = await start(c);
      } else if (round === 1) {
        hosted = await start(c);
        paid = await pay();
      } else {
        [paid, hosted] = await Promise.all([pay(), start(c)]);
      }
      if (paid === 'succeeded') {
        // The embedded payment won: no session was made; the shopper is sent to the order.
        expect(hosted.kind).toBe('paid');
      } else {
        expect(paid).toBe('refused');
        const { checkoutSessionId } = redirected(hosted);
        expect((await payOnPage(checkoutSessionId)).kind).toBe('complete');
      }
      if (round === 0) expect(paid).toBe('succeeded');
      if (round === 1) expect(paid).toBe('refused');
    }
    await flushWebhooks(h.t);
    const charges = (await h.t.stripe.charges.list({ limit: 100 })).data;
    const succeeded = charges.filter((charge) => charge.status === 'succeeded');
    expect(succeeded).toHaveLength(10);
    const orders = new Set(succeeded.map((charge) => charge.metadata.order_id));
    expect(orders.size).toBe(10);
  });

  it('never makes both an intent and a session for one new cart, however the two race', async () => {
    for (let round = 0; round < 10; round++) {
      const c = cart();
      const [prepared, hosted] = await Promise.all([
        preparePayment(h.deps, c, `198.51.100.${40 + round}`),
        start(c),
      ]);
      const intents = (
        await h.t.control<{ data: unknown[] }>('GET', `payment_intents?metadata[cart_id]=${c.id}`)
      ).data;
      const sessionsOfCart = (await sessions()).filter((x) => x.client_reference_id === c.id);
      // One way won the cart; the other was told so and made nothing.
      expect(intents.length + sessionsOfCart.length).toBe(1);
      if (sessionsOfCart.length === 1) expect(prepared.kind).not.toBe('ready');
      // Or Stripe's page came second and moved the cart on, retiring the intent first.
      else if (hosted.kind === 'redirect') expect(hosted.cartId).not.toBe(c.id);
    }
  });

  it('fulfils once from duplicate and shuffled events and the return page, with Stripe’s amounts', async () => {
    const c = cart();
    const { checkoutSessionId } = redirected(await start(c));
    expect((await payOnPage(checkoutSessionId)).kind).toBe('complete');
    const session = await retrieveCheckoutSession(h.deps, checkoutSessionId);
    const { data: events } = await h.t.stripe.events.list({ limit: 20 });
    const worth = events.filter((e) =>
      ['checkout.session.completed', 'payment_intent.succeeded'].includes(e.type),
    );
    expect(worth).toHaveLength(2);
    // Each delivered again, in the opposite order, while the return page fulfils too.
    await Promise.all([
      ...worth.reverse().map((e) => h.t.control('POST', `events/${e.id}/resend`)),
      fulfilCheckoutSession(h.deps, session),
    ]);
    await flushWebhooks(h.t);
    const order = (await getOrder(h.store, session.metadata!.order_id!))!;
    expect(order.status).toBe('paid');
    expect(order.events.filter((e) => e.type === 'paid')).toHaveLength(1);
    expect(order.total).toBe(session.amount_total);
    expect(order.tax?.amount).toBe(session.total_details?.amount_tax);
    expect(order.tax?.amount).toBeGreaterThan(0);
    expect(order.shippingRate).toBe('standard');
    expect(order.paid?.email).toBe('hosted@example.com');
  });

  it('releases the order of an expired session, and the cart can start again', async () => {
    const c = cart();
    const first = redirected(await start(c));
    const orderId = (await h.t.stripe.checkout.sessions.retrieve(first.checkoutSessionId)).metadata!
      .order_id!;
    // Past the session's expiry (an hour, while the code's use would be held), then back.
    await h.t.control('POST', 'clock', { advanceSeconds: 2 * 60 * 60 });
    await flushWebhooks(h.t);
    expect((await getOrder(h.store, orderId))?.status).toBe('canceled');
    await h.t.control('POST', 'clock', { advanceSeconds: -2 * 60 * 60 });
    const second = redirected(await start({ ...c, id: first.cartId }));
    expect(second.checkoutSessionId).not.toBe(first.checkoutSessionId);
    expect(second.cartId).not.toBe(first.cartId);
    expect((await h.t.stripe.checkout.sessions.retrieve(second.checkoutSessionId)).status).toBe(
      'open',
    );
  });

  it('blocks an embedded intent beside an open session, and switching back expires it', async () => {
    const c = cart();
    const started = redirected(await start(c));
    const moved = { ...c, id: started.cartId };
    expect(await preparePayment(h.deps, moved, '198.51.100.90')).toEqual({
      kind: 'hosted',
      url: started.url,
    });
    // Another country is another session: the first one expires.
    const canada = redirected(await start(moved, 'CA'));
    expect(canada.checkoutSessionId).not.toBe(started.checkoutSessionId);
    expect((await h.t.stripe.checkout.sessions.retrieve(started.checkoutSessionId)).status).toBe(
      'expired',
    );
    expect(await start(moved, 'KP')).toMatchObject({ kind: 'unsupported_country' });
  });

  it('shows a session only to the shopper whose browser made it', async () => {
    const c = cart();
    const { checkoutSessionId } = redirected(await start(c));
    expect((await sessionOfShopper(h.deps, c, checkoutSessionId))?.id).toBe(checkoutSessionId);
    expect(await sessionOfShopper(h.deps, emptyCart(), checkoutSessionId)).toBeNull();
    expect(await sessionOfShopper(h.deps, c, 'cs_test_doesnotexist')).toBeNull();
    expect(await sessionOfShopper(h.deps, c, '../../v1/charges')).toBeNull();
  });
});
