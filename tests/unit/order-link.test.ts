import { describe, expect, it } from 'vitest';
import { isOrderLinkToken, orderLinkToken, orderLinkUrl } from '@/lib/orders/order-link';

const SECRET = 'order-link-test-secret-0123456789abcdef';

describe('order links', () => {
  it('opens the order it was made for, and no other', () => {
    const token = orderLinkToken('ord_abc', SECRET);
    expect(isOrderLinkToken('ord_abc', token, SECRET)).toBe(true);
    expect(isOrderLinkToken('ord_abd', token, SECRET)).toBe(false);
    expect(isOrderLinkToken('ord_abc', token, `${SECRET}x`)).toBe(false);
  });

  it('rejects a token altered by one character, truncated, missing or not a string', () => {
    const token = orderLinkToken('ord_abc', SECRET);
    for (let i = 0; i < token.length; i++) {
      const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(isOrderLinkToken('ord_abc', altered, SECRET), `position ${i}`).toBe(false);
    }
    for (const bad of [token.slice(0, -1), `${token}A`, '', undefined, null, 42, [token]]) {
      expect(isOrderLinkToken('ord_abc', bad, SECRET)).toBe(false);
    }
  });

  it('builds an absolute link on the public origin', () => {
    const url = new URL(orderLinkUrl('https://shop.example.com', 'ord_abc', SECRET));
    expect(url.origin + url.pathname).toBe('https://shop.example.com/orders/ord_abc');
    expect(url.searchParams.get('token')).toBe(orderLinkToken('ord_abc', SECRET));
  });
});
