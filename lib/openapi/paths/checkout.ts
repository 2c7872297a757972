/**
 * Checkout for the shopper's cart: app/api/checkout/quote/route.ts and
 * app/api/checkout/payment-intent/route.ts, app/api/checkout/session/**.
 */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { checkoutSessionRequestSchema } from '../../checkout/checkout-session-api';
import { paymentIntentRequestSchema } from '../../checkout/payment-intent-api';
import { quoteBodySchema } from '../../pricing/quote-input';
import { jsonBody } from '../request-body';
import { errorResponse, jsonResponse, shopperBodyErrors } from '../responses';
import {
  checkoutPaymentIntentSchema,
  checkoutSessionSchema,
  checkoutSessionStatusSchema,
} from '../schemas/checkout';
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
          'The cart was paid already, or it or its prices changed since checkout started, or too few copies ' +
            'of a book are left (field "items"; the message names each book and how many are left). Nothing was charged.',
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
  '/api/checkout/session': {
    post: {
      operationId: 'createCheckoutSession',
      tags: ['Checkout'],
      summary: "Pay on Stripe's hosted page",
      description:
        "The current cart's Checkout Session (one per cart, however often this is called), shipping to `country`. " +
        'An embedded PaymentIntent of the cart is canceled first, so the cart can be paid one way only. ' +
        'Prices come from the catalog; Stripe Tax computes tax on its page.',
      security: requires.cart,
      requestBody: jsonBody(checkoutSessionRequestSchema),
      responses: {
        200: jsonResponse('The session: send the shopper to `url`.', checkoutSessionSchema),
        400: errorResponse('The body is not valid JSON, or not as described.'),
        ...shopperBodyErrors,
        409: errorResponse(
          'The cart was paid, a payment for it is going through, or too few copies of a book are left (field "items").',
        ),
        422: errorResponse(
          'The cart is empty, the store does not ship to that country (country), or its code does not apply (discount_code).',
        ),
        429: {
          ...errorResponse('Too many checkout attempts; nothing was charged.'),
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
  '/api/checkout/session/{id}': {
    get: {
      operationId: 'getCheckoutSession',
      tags: ['Checkout'],
      summary: 'Read one of your Checkout Sessions',
      description:
        "Read from Stripe. Only the browser session that made it may read it; any other's is 404.",
      security: requires.cart,
      requestParams: { path: z.object({ id: z.string().meta({ examples: ['cs_test_a1b2c3'] }) }) },
      responses: {
        200: jsonResponse('The session.', checkoutSessionStatusSchema),
        404: errorResponse('No such session of yours (field "id").'),
      },
    },
  },
};
