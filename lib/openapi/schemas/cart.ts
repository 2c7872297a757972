/** What `GET` and `POST /api/cart` send: the cart, priced from the catalog. */
import { z } from 'zod';
import type { toCartJson } from '../../cart/cart-json';
import { sameType } from '../same-type';
import { amount, appliedDiscount, count, currency } from './common';

export const cartJsonSchema = z.object({
  id: z.string().meta({
    format: 'uuid',
    description: 'Changes whenever the cart does; its PaymentIntent is keyed by it.',
  }),
  currency: currency(),
  items: z.array(
    z.object({
      bookId: z.string(),
      slug: z.string(),
      title: z.string(),
      quantity: count(),
      unitAmount: amount(),
      lineTotal: amount(),
    }),
  ),
  itemCount: count(),
  subtotal: amount(),
  discount: appliedDiscount()
    .nullable()
    .meta({ description: 'The applied code, when it applies to the cart now.' }),
  shipping: amount(),
  total: amount(),
});

sameType<ReturnType<typeof toCartJson>, z.output<typeof cartJsonSchema>>();

/** The route adds why the cart's code does not apply, if it does not. */
const pricedCartSchema = cartJsonSchema
  .extend({
    discountProblem: z.string().nullable().meta({
      description:
        'Why the cart\'s discount code does not apply now, e.g. "SPRING: This code has expired."',
    }),
  })
  .meta({ id: 'Cart' });

export const cartResponseSchema = z.object({ cart: pricedCartSchema });

export const cartReplacedSchema = z.object({
  message: z.string().meta({ examples: ['Your cart was updated.'] }),
  cart: pricedCartSchema,
});
