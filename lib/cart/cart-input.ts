import 'server-only';
import type { Book } from '../catalog/book';
import { findBookById } from '../catalog/catalog';
import { MAX_QUANTITY_PER_LINE } from '../store-settings';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a quantity from a form field (a string) or JSON (a number).
 * `min` is 1 when adding and 0 when setting (0 removes the line).
 */
export function parseQuantity(raw: unknown, min: 0 | 1): Parsed<number> {
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return { ok: false, message: 'Enter a quantity.' };
    if (!DECIMAL.test(text)) return { ok: false, message: 'Quantity must be a number.' };
    value = Number(text);
  } else if (raw === null || raw === undefined) {
    return { ok: false, message: 'Enter a quantity.' };
  } else {
    return { ok: false, message: 'Quantity must be a number.' };
  }
  if (!Number.isFinite(value)) return { ok: false, message: 'Quantity must be a number.' };
  if (!Number.isInteger(value)) return { ok: false, message: 'Quantity must be a whole number.' };
  if (value < min) {
    return {
      ok: false,
      message: min === 1 ? 'Quantity must be at least 1.' : 'Quantity cannot be negative.',
    };
  }
  if (value > MAX_QUANTITY_PER_LINE) {
    return {
      ok: false,
      message: `Quantity can be at most ${MAX_QUANTITY_PER_LINE} copies of one book.`,
    };
  }
  return { ok: true, value };
}

export function parseBook(raw: unknown): Parsed<Book> {
  if (typeof raw !== 'string' || raw === '') {
    return { ok: false, message: 'Choose a book.' };
  }
  const book = findBookById(raw);
  if (!book) return { ok: false, message: 'That book is not in our catalog.' };
  return { ok: true, value: book };
}
