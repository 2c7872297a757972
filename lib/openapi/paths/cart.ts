/** The shopper's cart: app/api/cart/route.ts. */
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { cartItemsBodySchema } from '../../cart/cart-input';
import { MAX_CART_LINES } from '../../store-settings';
import { jsonBody } from '../request-body';
import { errorResponse, jsonResponse, shopperBodyErrors } from '../responses';
import { cartReplacedSchema, cartResponseSchema } from '../schemas/cart';
import { requires } from '../security';

export const cartPaths: ZodOpenApiPathsObject = {
  '/api/cart': {
    get: {
      operationId: 'getCart',
      tags: ['Cart'],
      summary: 'Read the cart',
      description:
        'The cart in the cookie, priced from the catalog with its discount code when that code applies now. ' +
        'Without a cookie (or with one that cannot be read) the cart is a fresh, empty one.',
      security: requires.cart,
      responses: { 200: jsonResponse('The cart.', cartResponseSchema) },
    },
    post: {
      operationId: 'replaceCart',
      tags: ['Cart'],
      summary: 'Replace the cart',
      description:
        'Replaces every line of the cart. Amounts are never taken from the body. A changed cart gets ' +
        'a new id (and its old PaymentIntent is canceled); the same body twice changes nothing.',
      security: requires.cart,
      requestBody: jsonBody(cartItemsBodySchema),
      responses: {
        200: jsonResponse('The cart as it is now, and what happened.', cartReplacedSchema),
        400: errorResponse(
          'The body is not valid JSON, or not as described (an unknown book, a bad quantity, more copies than are left, ' +
            `more than ${MAX_CART_LINES} different books); field names the part at fault, e.g. items.b01.quantity.`,
        ),
        ...shopperBodyErrors,
      },
    },
  },
};
