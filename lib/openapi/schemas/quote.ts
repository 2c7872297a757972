/** What `POST /api/checkout/quote` sends: the cart's price delivered to an address. */
import { z } from 'zod';
import type { toQuoteJson } from '../../pricing/quote-cart';
import { shippingRateSchema } from '../../pricing/address-input';
import { sameType } from '../same-type';
import { amount, appliedDiscount, currency } from './common';

const shippingRate = z.object({
  id: shippingRateSchema,
  label: z.string(),
  amount: amount(),
  delivery_estimate: z.object({
    min_business_days: z.number().int(),
    max_business_days: z.number().int(),
  }),
});

export const quoteJsonSchema = z
  .object({
    currency: currency(),
    subtotal: amount(),
    discount: appliedDiscount().nullable(),
    shipping: shippingRate
      .extend({ rate: shippingRateSchema })
      .nullable()
      .meta({ description: 'The rate asked for (Standard when none was), for the zone.' }),
    shipping_rates: z
      .array(shippingRate)
      .meta({ description: "Every rate of the address's zone." }),
    tax: z
      .object({
        amount: amount(),
        breakdown: z.array(
          z.object({
            jurisdiction: z.string().meta({ examples: ['New York'] }),
            percentage: z.string().meta({ examples: ['8.875'] }),
            amount: amount(),
            taxability_reason: z.string().meta({ examples: ['standard_rated'] }),
          }),
        ),
      })
      .nullable()
      .meta({ description: 'Stripe Tax for the address.' }),
    total: amount(),
  })
  .meta({ id: 'Quote' });

sameType<ReturnType<typeof toQuoteJson>, z.output<typeof quoteJsonSchema>>();
