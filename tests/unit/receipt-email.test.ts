import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '@/lib/mail/render-email';
import { ReceiptEmail } from '@/lib/mail/templates/receipt-email';
import { RefundEmail } from '@/lib/mail/templates/refund-email';

const order = {
  id: 'ord_receipt1',
  currency: 'usd',
  lines: [
    { bookId: 'b01', title: 'Moby-Dick', quantity: 2, unitAmount: 1299, lineTotal: 2598 },
    { bookId: 'b02', title: 'Pride & Prejudice', quantity: 1, unitAmount: 1899, lineTotal: 1899 },
  ],
  subtotal: 4497,
  shipping: 499,
  total: 4996,
};

const receipt = () =>
  renderEmail(
    createElement(ReceiptEmail, {
      order,
      shippingAddress: 'Ada Reader, 1 Library Way, Springfield, IL 62701, US',
      card: { brand: 'visa', last4: '4242' },
      orderUrl: 'https://shop.example.com/orders/ord_receipt1?token=abc',
    }),
  );

describe('the receipt', () => {
  it('lists the lines, subtotal, shipping and total in HTML and in text', async () => {
    const { html, text } = await receipt();
    for (const body of [html, text]) {
      expect(body).toContain('ord_receipt1');
      expect(body).toMatch(/Moby-Dick × 2[\s\S]*\$25\.98/);
      expect(body).toMatch(/Pride (&amp;|&) Prejudice × 1[\s\S]*\$18\.99/);
      expect(body).toMatch(/Subtotal[\s\S]*\$44\.97/);
      expect(body).toMatch(/Shipping[\s\S]*\$4\.99/);
      expect(body).toMatch(/Total[\s\S]*\$49\.96/);
      expect(body).toContain('Ada Reader, 1 Library Way, Springfield, IL 62701, US');
      expect(body).toContain('visa ending in 4242');
    }
    // In text, each row reads as one line: label, a space, amount.
    for (const row of [
      'Moby-Dick × 2 $25.98',
      'Subtotal $44.97',
      'Shipping $4.99',
      'Total $49.96',
    ]) {
      expect(text).toContain(row);
    }
    expect(html).toContain('href="https://shop.example.com/orders/ord_receipt1?token=abc"');
    expect(text).toContain('https://shop.example.com/orders/ord_receipt1?token=abc');
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('says free shipping when there is none to pay', async () => {
    const { text } = await renderEmail(
      createElement(ReceiptEmail, {
        order: { ...order, shipping: 0, total: 4497 },
        shippingAddress: null,
        card: null,
        orderUrl: 'https://shop.example.com/orders/ord_receipt1?token=abc',
      }),
    );
    expect(text).toMatch(/Shipping[\s\S]*Free/);
    expect(text).toMatch(/Total[\s\S]*\$44\.97/);
  });

  it('escapes what the shopper typed', async () => {
    const { html } = await renderEmail(
      createElement(ReceiptEmail, {
        order,
        shippingAddress: '<img src=x onerror=alert(1)>',
        card: null,
        orderUrl: 'https://shop.example.com/orders/ord_receipt1?token=abc',
      }),
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x');
  });
});

describe('the refund notice', () => {
  it('tells a partial refund from a full one, with the amounts', async () => {
    const props = {
      orderId: 'ord_receipt1',
      currency: 'usd',
      total: 4996,
      orderUrl: 'https://shop.example.com/orders/ord_receipt1?token=abc',
    };
    const partial = await renderEmail(
      createElement(RefundEmail, { ...props, amount: 1000, amountRefunded: 1000 }),
    );
    expect(partial.text).toContain('We refunded $10.00. Refunded so far: $10.00 of $49.96');
    const full = await renderEmail(
      createElement(RefundEmail, { ...props, amount: 3996, amountRefunded: 4996 }),
    );
    expect(full.text).toContain('We refunded $39.96. The whole order, $49.96, is now refunded.');
  });
});
