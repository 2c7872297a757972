import 'server-only';
import { z } from 'zod';
import type { Book } from '../catalog/book';
import { findBookById } from '../catalog/catalog';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '../store-settings';
import type { CartLine } from './cart';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const ENTER_QUANTITY = 'Enter a quantity.';
const NOT_A_NUMBER = 'Quantity must be a number.';
const NOT_IN_CATALOG = 'That book is not in our catalog.';
const CHOOSE_BOOK = 'Choose a book.';

/**
 * A quantity from a form field (a string) or JSON (a number, or a decimal
 * string). `min` is 1 when adding and 0 when setting (0 removes the line).
 * The checks run in the order the messages are chosen: a number, whole, in range.
 */
function quantitySchema(min: 0 | 1) {
  const tooSmall = min === 1 ? 'Quantity must be at least 1.' : 'Quantity cannot be negative.';
  const tooLarge = `Quantity can be at most ${MAX_QUANTITY_PER_LINE} copies of one book.`;
  const quantity = z
    .number({ error: (issue) => (issue.input == null ? ENTER_QUANTITY : NOT_A_NUMBER) })
    .int({
      // Zod's int() also refuses integers beyond 2^53 as not whole; those are out of range.
      error: (issue) =>
        typeof issue.input !== 'number' || !Number.isInteger(issue.input)
          ? 'Quantity must be a whole number.'
          : issue.input < min
            ? tooSmall
            : tooLarge,
    })
    .min(min, tooSmall)
    .max(MAX_QUANTITY_PER_LINE, tooLarge);
  return z
    .preprocess((raw, ctx) => {
      if (typeof raw !== 'string') return raw;
      const text = raw.trim();
      if (text === '') ctx.addIssue({ code: 'custom', message: ENTER_QUANTITY });
      else if (!DECIMAL.test(text)) ctx.addIssue({ code: 'custom', message: NOT_A_NUMBER });
      else return Number(text);
      return raw;
    }, quantity)
    .meta({ description: 'Copies of the book; a decimal string such as "2" is accepted too.' });
}

const QUANTITY = { 0: quantitySchema(0), 1: quantitySchema(1) };

/** A catalog book's id, e.g. "b01". */
export const bookIdSchema = z
  .string({ error: CHOOSE_BOOK })
  .min(1, CHOOSE_BOOK)
  .refine((id) => findBookById(id) !== undefined, NOT_IN_CATALOG)
  .meta({ description: 'The id of a book in the catalog.', examples: ['b01'] });

/** Parses a quantity from a form field (a string) or JSON (a number). */
export function parseQuantity(raw: unknown, min: 0 | 1): Parsed<number> {
  const parsed = QUANTITY[min].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? NOT_A_NUMBER };
}

export function parseBook(raw: unknown): Parsed<Book> {
  const parsed = bookIdSchema.safeParse(raw);
  const book = parsed.success ? findBookById(parsed.data) : undefined;
  if (book) return { ok: true, value: book };
  return { ok: false, message: parsed.error?.issues[0]?.message ?? NOT_IN_CATALOG };
}

const BODY_MESSAGE = 'The body must be an object with an "items" field.';
const ITEMS_MESSAGE = 'items must be an object keyed by book id, like {"b01": {"quantity": 2}}.';

const itemsRecordSchema = z.record(
  bookIdSchema,
  z.object(
    { quantity: QUANTITY[1] },
    { error: 'Each item must be an object like {"quantity": 2}.' },
  ),
  {
    // A key's own message (not in the catalog, no book); no "items" at all is the body's fault.
    error: (issue) =>
      issue.code === 'invalid_key'
        ? issue.issues[0]?.message
        : issue.input === undefined
          ? BODY_MESSAGE
          : ITEMS_MESSAGE,
  },
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const itemsSchema = z
  .preprocess((items, ctx) => {
    // Zod's records pass over a "__proto__" key without a word; the cart refuses it like any
    // id not in the catalog, and only once every key before it is fine (the first problem wins).
    if (!isPlainObject(items) || !Object.hasOwn(items, '__proto__')) return items;
    const keys = Object.keys(items);
    const before = Object.fromEntries(
      keys.slice(0, keys.indexOf('__proto__')).map((key) => [key, items[key]]),
    );
    if (!itemsRecordSchema.safeParse(before).success) return before;
    ctx.addIssue({ code: 'custom', message: NOT_IN_CATALOG, path: ['__proto__'] });
    return items;
  }, itemsRecordSchema)
  .meta({
    description:
      `The whole new cart, keyed by book id: at most ${MAX_CART_LINES} different books. ` +
      'Fields other than quantity (prices, titles) are ignored; amounts come from the catalog.',
    // Enforced by replaceLines (lib/cart/cart.ts) once every line is checked, so its
    // refusal comes after theirs; documented here from the same constant.
    maxProperties: MAX_CART_LINES,
    examples: [{ b01: { quantity: 2 }, b17: { quantity: 1 } }],
  });

/** `POST /api/cart`: `{"items": {"<bookId>": {"quantity": n}}}`, replacing the cart. */
export const cartItemsBodySchema = z.object({ items: itemsSchema }, { error: BODY_MESSAGE });

export type CartItemsInput =
  { ok: true; lines: CartLine[] } | { ok: false; message: string; field: string };

/** The lines a `POST /api/cart` body asks for, or the first problem, named by its field. */
export function parseCartItems(body: unknown): CartItemsInput {
  const parsed = cartItemsBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A body that is no object at all is told about its missing "items" field.
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'items';
    return { ok: false, message: issue?.message ?? BODY_MESSAGE, field };
  }
  return {
    ok: true,
    lines: Object.entries(parsed.data.items).map(([bookId, item]) => ({
      bookId,
      quantity: item.quantity,
    })),
  };
}
