import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, minorUnitsPerMajor } from '@/lib/money';

describe('formatMoney', () => {
  it('formats US dollars from cents', () => {
    expect(formatMoney({ amount: 1299, currency: 'usd' })).toBe('$12.99');
    expect(formatMoney({ amount: 5, currency: 'usd' })).toBe('$0.05');
    expect(formatMoney({ amount: 123456789, currency: 'usd' })).toBe('$1,234,567.89');
  });

  it('treats yen as a zero-decimal currency', () => {
    expect(minorUnitsPerMajor('jpy')).toBe(1);
    expect(formatMoney({ amount: 500, currency: 'jpy' })).toBe('¥500');
    expect(formatMoney({ amount: 500, currency: 'jpy' }, 'ja-JP')).toBe('￥500');
  });

  it('uses three decimals where the currency has them', () => {
    expect(minorUnitsPerMajor('kwd')).toBe(1000);
    expect(formatMoney({ amount: 1500, currency: 'kwd' })).toBe('KWD\u00a01.500');
  });

  it('follows the locale', () => {
    expect(formatMoney({ amount: 123456, currency: 'eur' }, 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => formatMoney({ amount: 12.5, currency: 'usd' })).toThrow(RangeError);
    expect(() => formatMoney({ amount: Number.NaN, currency: 'usd' })).toThrow(RangeError);
  });
});

describe('decimalAmount', () => {
  it('writes minor units as a plain decimal in major units', () => {
    expect(decimalAmount({ amount: 1299, currency: 'usd' })).toBe('12.99');
    expect(decimalAmount({ amount: 5, currency: 'usd' })).toBe('0.05');
    expect(decimalAmount({ amount: 1000, currency: 'usd' })).toBe('10.00');
    expect(decimalAmount({ amount: 123456789, currency: 'usd' })).toBe('1234567.89');
    expect(decimalAmount({ amount: -250, currency: 'usd' })).toBe('-2.50');
  });

  it("follows the currency's decimals", () => {
    expect(decimalAmount({ amount: 500, currency: 'jpy' })).toBe('500');
    expect(decimalAmount({ amount: 1500, currency: 'kwd' })).toBe('1.500');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => decimalAmount({ amount: 12.5, currency: 'usd' })).toThrow(RangeError);
  });
});
