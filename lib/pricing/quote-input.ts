/**
 * What `POST /api/checkout/quote` accepts: an address, a rate and a code to
 * quote the current cart with. Nothing here changes the cart.
 */
import { z } from 'zod';
import { addressSchema, shippingRateSchema } from './address-input';

export const quoteBodySchema = z
  .object({
    address: addressSchema,
    shipping_rate: shippingRateSchema.optional(),
    discount_code: z
      .string({ error: 'discount_code must be a string' })
      .max(32, 'That discount code does not exist.')
      .optional()
      .meta({ description: "A code to quote with instead of the cart's own." }),
  })
  .strict();
