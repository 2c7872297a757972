/** Address and rate changes at checkout update the cart's one PaymentIntent in place. */
import { describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import { checkPayableAmount, requoteCheckout } from '@/lib/checkout/requote-checkout';
import type { Destination } from '@/lib/pricing/quote';
import { quoteCart } from '@/lib/pricing/quote-cart';
import { refundNow } from '@/lib/refunds/refund-order';
import { getOrder } from '@/lib/store/orders';
import { intentsOfCart, shippingTo, startCheckoutHarness } from '../helpers/checkout-harness';

const h = startCheckoutHarness('requote-test-secret-0123456789abcdef');

const cart = (): Cart => ({ ...emptyCart(), lines: [{ bookId: 'b01', quantity: 2 }] });
const NY: Destination = { country: 'US', state: 'NY', postalCode: '10001' };
const GB: Destination = { country: 'GB', postalCode: 'SW1A 1AA' };
const DE: Destination = { country: 'DE' };

async function ready(c: Cart) {
  const prepared = await preparePayment(h.deps, c, '203.0.113.9');
  if (prepared.kind !== 'ready') throw new Error(prepared.kind);
  return prepared;
}

describe('requoting checkout', () => {
  it('keeps one PaymentIntent through 20 address and rate changes, charging the last quote', async () => {
    const c = cart();
    const prepared = await ready(c);
    const changes: Array<[Destination, 'standard' | 'express']> = Array.from(
      { length: 20 },
      (_, i) => [[NY, GB, DE][i % 3]!, i % 2 ? 'express' : 'standard'],
    );
    let last = 0;
    for (const [destination, rate] of changes) {
      const result = await requoteCheckout(h.deps, c, c.id, destination, rate);
      if (!result.ok) throw new Error(result.message);
      last = result.totals.total;
    }
    const [finalDestination, finalRate] = changes.at(-1)!;
    const expected = await quoteCart(h.deps, c, {
      destination: finalDestination,
      shippingRate: finalRate,
      discountCode: null,
    });
    expect(expected.ok && expected.quote.total).toBe(last);
    const intents = await intentsOfCart(h.t, c.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ id: prepared.record.paymentIntentId, amount: last });
    const order = await getOrder(h.store, prepared.record.orderId);
    expect(order).toMatchObject({ total: last, shippingRate: finalRate });

    // Paying it fulfils the order at the quoted total (not "needs review").
    const paid = await h.t.stripe.paymentIntents.confirm(prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
      receipt_email: 'q@example.com',
      shipping: shippingTo(finalDestination),
    });
    expect(paid.amount_received).toBe(last);
    expect((await fulfilOrder(h.deps, paid)).status).toBe('paid');
  });

  it('records one tax transaction per paid order, and a reversal for a partial refund', async () => {
    const c = cart();
    const prepared = await ready(c);
    const quoted = await requoteCheckout(h.deps, c, c.id, NY, 'standard');
    if (!quoted.ok) throw new Error(quoted.message);
    expect(quoted.totals.tax).toBeGreaterThan(0);
    const paid = await h.t.stripe.paymentIntents.confirm(prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
      receipt_email: 'tax@example.com',
      shipping: shippingTo(NY),
    });
    // However often fulfilment runs, the sale is recorded once (Stripe records it from the link).
    await Promise.all([fulfilOrder(h.deps, paid), fulfilOrder(h.deps, paid)]);
    const sold = await h.t.stripe.tax.associations.find({ payment_intent: paid.id });
    const committed = () =>
      h.t.stripe.tax.associations
        .find({ payment_intent: paid.id })
        .then((a) => (a.tax_transaction_attempts ?? []).filter((x) => x.status === 'committed'));
    expect(sold.calculation).toMatch(/^taxcalc_/);
    expect(await committed()).toHaveLength(1);
    const sale = await h.t.stripe.tax.transactions.retrieve(
      (await committed())[0]!.committed!.transaction,
    );
    expect(sale).toMatchObject({ type: 'transaction', reference: paid.id });

    const refunded = await refundNow(h.deps, {
      target: { orderId: prepared.record.orderId },
      amount: 500,
      reason: null,
    });
    expect(refunded).toMatchObject({ ok: true });
    const attempts = await committed();
    expect(attempts).toHaveLength(2);
    const reversal = await h.t.stripe.tax.transactions.retrieve(
      attempts[1]!.committed!.transaction,
    );
    expect(reversal).toMatchObject({ type: 'reversal' });
  });

  it('never charges an amount the page did not show, and cannot change a paid intent', async () => {
    const c = cart();
    const prepared = await ready(c);
    const shown = prepared.amount;
    // Before any quote there is no tax for the address: nothing may be paid yet.
    expect(await checkPayableAmount(h.deps, c, c.id, shown)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not calculated yet'),
    });
    const moved = await requoteCheckout(h.deps, c, c.id, GB, 'express');
    if (!moved.ok) throw new Error(moved.message);
    // A stale tab still showing the first total is told the new one instead of paying.
    expect(await checkPayableAmount(h.deps, c, c.id, shown)).toEqual({
      ok: false,
      message: `The total changed to ${moved.totals.totalLabel} — review it and pay again. Nothing was charged.`,
      total: moved.totals.total,
    });
    expect(await checkPayableAmount(h.deps, c, c.id, moved.totals.total)).toEqual({ ok: true });

    await h.t.stripe.paymentIntents.confirm(prepared.record.paymentIntentId, {
      payment_method: 'pm_card_visa',
      shipping: shippingTo(GB),
    });
    // An update racing the payment loses: the paid amount stays what was shown.
    expect(await requoteCheckout(h.deps, c, c.id, NY, 'standard')).toMatchObject({
      ok: false,
      reason: 'not_payable',
    });
    const [intent] = await intentsOfCart(h.t, c.id);
    expect(intent).toMatchObject({
      amount: moved.totals.total,
      amount_received: moved.totals.total,
    });
    // Another cart's id is refused outright.
    expect(await requoteCheckout(h.deps, c, 'not-this-cart', NY, null)).toMatchObject({
      ok: false,
      reason: 'cart_changed',
    });
  });
});
