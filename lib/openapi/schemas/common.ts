/** Building blocks shared by the response schemas. */
import { z } from 'zod';
import { STORE_CURRENCY } from '../../store-settings';

/** Every amount the API sends: integer minor units of the response's `currency`. */
export const amount = () =>
  z.number().int().meta({ description: 'Integer minor units of currency, e.g. 1299 for $12.99.' });

export const count = () => z.number().int().nonnegative();

export const currency = () =>
  z.string().meta({ description: 'ISO 4217 code, lower case.', examples: [STORE_CURRENCY] });

/** What `new Date(ms).toISOString()` writes. */
export const isoTime = () => z.string().meta({ format: 'date-time' });

/** A discount code and what it took off the subtotal. */
export const appliedDiscount = () => z.object({ code: z.string(), amount: amount() });
