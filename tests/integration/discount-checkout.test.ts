/**
 * Discount codes through checkout: the intent is priced with the code, a
 * limited code's last use goes to one shopper (the others are told before
 * paying), a paid order counts once, and a canceled one gives its use back.
 */
import { describe, expect, it } from 'vitest';
import { emptyCart, type Cart } from '@/lib/cart/cart';
import { fulfilOrder } from '@/lib/checkout/fulfil-order';
import { preparePayment } from '@/lib/checkout/prepare-payment';
import { cancelSupersededIntent } from '@/lib/checkout/superseded-intents';
import type { DiscountCode } from '@/lib/pricing/discount-codes';
import { codeUsage, createDiscountCode } from '@/lib/store/discount-code-store';
import { getOrder } from '@/lib/store/orders';
import { confirmQuoted, flushWebhooks, startCheckoutHarness } from '../helpers/checkout-harness';

const h = startCheckoutHarness('discount-test-secret-0123456789abcdef');

function code(overrides: Partial<DiscountCode>): DiscountCode {
  return {
    code: 'TENOFF',
    kind: 'percent',
    percentOff: 10,
    amountOff: null,
    minSubtotal: null,
    startsAt: null,
    endsAt: null,
    maxRedemptions: null,
    oncePerEmail: false,
    disabled: false,
    createdAt: Date.now(),
    createdBy: 'ops@folio.test',
    ...overrides,
  };
}

/** Two copies of b01 ($25.98) with a code; each cart its own shopper. */
function cartWith(discountCode: string): Cart {
  return { ...emptyCart(), lines: [{ bookId: 'b01', quantity: 2 }], discountCode };
}

describe('discount codes at checkout', () => {
  it('prices the intent and the order with the code, before shipping', async () => {
    await createDiscountCode(h.store, code({}));
    const prepared = await preparePayment(h.deps, cartWith('TENOFF'), '203.0.113.1');
    if (prepared.kind !== 'ready') throw new Error(prepared.kind);
    // $25.98 − 10 % ($2.60) + $4.99 shipping.
    expect(prepared.cart).toMatchObject({ discount: { code: 'TENOFF', amount: 260 }, total: 2837 });
    const intent = await h.t.stripe.paymentIntents.retrieve(prepared.record.paymentIntentId);
    expect(intent).toMatchObject({ amount: 2837, metadata: { discount_code: 'TENOFF' } });
    expect(await getOrder(h.store, prepared.record.orderId)).toMatchObject({
      discount: { code: 'TENOFF', amount: 260 },
      total: 2837,
    });
  });

  it('tells the shopper before paying when the code no longer applies', async () => {
    await createDiscountCode(h.store, code({ endsAt: Date.now() - 1 }));
    expect(await preparePayment(h.deps, cartWith('TENOFF'), '203.0.113.2')).toEqual({
      kind: 'code_refused',
      message: 'TENOFF: That discount code has expired.',
    });
    expect(await preparePayment(h.deps, cartWith('NOSUCH'), '203.0.113.2')).toMatchObject({
      kind: 'code_refused',
      message: 'NOSUCH: That discount code does not exist.',
    });
    const { data } = await h.t.control<{ data: unknown[] }>('GET', 'payment_intents');
    expect(data).toEqual([]);
  });

  it('gives the last use of a code to exactly one of 50 racing shoppers, and that one pays', async () => {
    await createDiscountCode(h.store, code({ code: 'LASTONE', maxRedemptions: 1 }));
    const carts = Array.from({ length: 50 }, () => cartWith('LASTONE'));
    const prepared = await Promise.all(
      carts.map((cart, i) => preparePayment(h.deps, cart, `198.51.100.${i + 1}`)),
    );
    const winners = prepared.filter((p) => p.kind === 'ready');
    expect(winners).toHaveLength(1);
    expect(prepared.filter((p) => p.kind === 'code_refused')).toHaveLength(49);
    const { data } = await h.t.control<{ data: unknown[] }>('GET', 'payment_intents');
    expect(data).toHaveLength(1);

    const winner = winners[0]!;
    if (winner.kind !== 'ready') throw new Error('unreachable');
    const intent = await confirmQuoted(
      h.deps,
      carts[prepared.indexOf(winner)]!,
      winner.record.paymentIntentId,
      { payment_method: 'pm_card_visa', receipt_email: 'win@example.com' },
    );
    await Promise.all([
      fulfilOrder(h.deps, intent),
      fulfilOrder(h.deps, intent),
      flushWebhooks(h.t),
    ]);
    expect(
      await codeUsage(h.store, 'LASTONE', { email: 'win@example.com', now: Date.now() }),
    ).toEqual({
      redeemed: 1,
      reserved: 0,
      usedByEmail: true,
    });
    // Used up for good: a latecomer is refused too.
    expect(await preparePayment(h.deps, cartWith('LASTONE'), '198.51.100.99')).toMatchObject({
      kind: 'code_refused',
      message: 'LASTONE: That discount code has been used up.',
    });
  });

  it('gives a use back when the cart changes and its intent is canceled', async () => {
    await createDiscountCode(h.store, code({ code: 'ONLYONE', maxRedemptions: 1 }));
    const first = cartWith('ONLYONE');
    expect((await preparePayment(h.deps, first, '203.0.113.3')).kind).toBe('ready');
    expect((await preparePayment(h.deps, cartWith('ONLYONE'), '203.0.113.4')).kind).toBe(
      'code_refused',
    );
    expect(await cancelSupersededIntent(h.deps, first.id)).toBe(true);
    expect((await preparePayment(h.deps, cartWith('ONLYONE'), '203.0.113.4')).kind).toBe('ready');
  });
});
