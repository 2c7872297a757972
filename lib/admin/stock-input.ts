/** A stock count as an operator sets it (API body or back-office form), checked. */
import { z } from 'zod';
import { MAX_STOCK } from '../store-settings';

const STOCK_MESSAGE = `stock must be a whole number of copies from 0 to ${MAX_STOCK.toLocaleString('en-US')}`;

export const stockCountSchema = z
  .number({ error: STOCK_MESSAGE })
  .int(STOCK_MESSAGE)
  .min(0, STOCK_MESSAGE)
  .max(MAX_STOCK, STOCK_MESSAGE);

export const stockBodySchema = z
  .object({ stock: stockCountSchema })
  .strict()
  .meta({ description: 'Copies on the shelf from now on (copies held by checkouts stay held).' });

/** The form's text field: digits only, so "1e3" or "12.0" are refused as typed. */
export function parseStockField(
  raw: unknown,
): { ok: true; value: number } | { ok: false; message: string } {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const parsed = /^\d{1,7}$/.test(text) ? stockCountSchema.safeParse(Number(text)) : null;
  return parsed?.success ? { ok: true, value: parsed.data } : { ok: false, message: STOCK_MESSAGE };
}
