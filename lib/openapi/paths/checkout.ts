/**
 * Checkout for the shopper's cart: app/api/checkout/quote/route.ts and
 * app/api/checkout/payment-intent/route.ts.
 */
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { paymentIntentRequestSchema } from '../../checkout/payment-intent-api';
import { quoteBodySchema } from '../../pricing/quote-input';
import { jsonBody } from '../request-body';
import { errorResponse, jsonResponse, shopperBodyErrors } from '../responses';
import { checkoutPaymentIntentSchema } from '../schemas/checkout';
import { quoteJsonSchema } from '../schemas/quote';
import { requires } from '../security';

export const checkoutPaths: ZodOpenApiPathsObject = {
  '/api/checkout/quote': {
    post: {
      operationId: 'quoteCart',
      tags: ['Checkout'],
      summary: 'Quote the cart for an address',
      description:
        'What the current cart costs delivered to an address, with a shipping rate and a discount code: ' +
        'shipping, Stripe Tax and the total. It changes nothing: the cart, its code and its PaymentIntent stay as they are.',
      security: requires.cart,
      requestBody: jsonBody(quoteBodySchema),
      responses: {
        200: jsonResponse('The quote.', quoteJsonSchema),
        400: errorResponse('The body is not valid JSON, or not as described.'),
        ...shopperBodyErrors,
        422: errorResponse(
          'Nothing to quote, or not for this: the cart is empty, the code does not apply (discount_code), ' +
            'the store does not ship there (address.country), or Stripe Tax cannot place the address (address.postal_code).',
        ),
        502: errorResponse(
          'Stripe Tax answered with amounts that do not match the cart (field "tax").',
        ),
        503: errorResponse(
          'The store or Stripe Tax is unavailable; nothing can be charged. Try again shortly.',
        ),
      },
    },
  },
  '/api/checkout/payment-intent': {
    post: {
      operationId: 'preparePaymentIntent',
      tags: ['Checkout'],
      summary: "Prepare the cart's PaymentIntent",
      description:
        "The current cart's one PaymentIntent, prepared as the checkout page prepares it (keyed by the cart id, " +
        'rate-limited) and, given an address, quoted for it in place. The body never carries an amount.',
      security: requires.cart,
      requestBody: jsonBody(paymentIntentRequestSchema),
      responses: {
        200: jsonResponse('The intent to confirm with Stripe.js.', checkoutPaymentIntentSchema),
        400: errorResponse('The body is not valid JSON, or not as described.'),
        ...shopperBodyErrors,
        409: errorResponse(
          'The cart was paid already, or it or its prices changed since checkout started. Nothing was charged.',
        ),
        422: errorResponse(
          'The cart is empty, its discount code does not apply (discount_code), or the address cannot be quoted.',
        ),
        429: {
          ...errorResponse('Too many checkout attempts or declined payments; nothing was charged.'),
          headers: {
            'Retry-After': {
              description: 'Seconds until it may be tried again.',
              schema: { type: 'integer' },
            },
          },
        },
        503: errorResponse('The store or Stripe is unavailable; try again shortly.'),
      },
    },
  },
};
