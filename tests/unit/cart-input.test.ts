import { describe, expect, it } from 'vitest';
import { parseBook, parseQuantity } from '@/lib/cart/cart-input';

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['99', 99],
    [' 7 ', 7],
    [42, 42],
  ])('accepts %j', (raw, value) => {
    expect(parseQuantity(raw, 1)).toEqual({ ok: true, value });
  });

  it.each([
    ['-1', 1, 'Quantity must be at least 1.'],
    ['0', 1, 'Quantity must be at least 1.'],
    ['-1', 0, 'Quantity cannot be negative.'],
    ['1.5', 1, 'Quantity must be a whole number.'],
    [1.5, 1, 'Quantity must be a whole number.'],
    ['1e9', 1, 'Quantity can be at most 99 copies of one book.'],
    ['100', 0, 'Quantity can be at most 99 copies of one book.'],
    ['abc', 1, 'Quantity must be a number.'],
    ['__proto__', 1, 'Quantity must be a number.'],
    ['0x10', 1, 'Quantity must be a number.'],
    ['Infinity', 1, 'Quantity must be a number.'],
    [Number.NaN, 1, 'Quantity must be a number.'],
    [true, 1, 'Quantity must be a number.'],
    [[2], 1, 'Quantity must be a number.'],
    [{ valueOf: (): number => 2 }, 1, 'Quantity must be a number.'],
    ['', 1, 'Enter a quantity.'],
    [null, 1, 'Enter a quantity.'],
    [undefined, 0, 'Enter a quantity.'],
  ] as const)('rejects %j (min %i) with a specific message', (raw, min, message) => {
    expect(parseQuantity(raw, min)).toEqual({ ok: false, message });
  });

  it('accepts 0 only when setting a quantity', () => {
    expect(parseQuantity('0', 0)).toEqual({ ok: true, value: 0 });
  });
});

describe('parseBook', () => {
  it('finds a catalog book by id', () => {
    const parsed = parseBook('b01');
    expect(parsed.ok && parsed.value.title).toBe('Pride and Prejudice');
  });

  it.each(['b99', '__proto__', 'constructor', 'B01', ' b01'])('rejects %j', (raw) => {
    expect(parseBook(raw)).toEqual({ ok: false, message: 'That book is not in our catalog.' });
  });

  it.each(['', null, 17, { id: 'b01' }])('asks for a book when given %j', (raw) => {
    expect(parseBook(raw)).toEqual({ ok: false, message: 'Choose a book.' });
  });
});
