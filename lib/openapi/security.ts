/** How each part of the API is authenticated, as OpenAPI security schemes. */
import type { oas31 } from 'zod-openapi';
import { cartCookieName } from '../cart/cart-cookie';

export const securitySchemes = {
  cartCookie: {
    type: 'apiKey',
    in: 'cookie',
    // The document describes the server that serves it: builds for production use __Host-.
    name: cartCookieName(process.env.NODE_ENV === 'production'),
    description:
      'The shopper\'s cart, sealed with iron-session (the "__Host-folio-cart" cookie in production, ' +
      '"folio-cart" in development). A browser sends it by itself; without one the cart is empty ' +
      'and a response may set it. State-changing requests must also come from this site (Origin).',
  },
  operatorKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An operator API key: `Authorization: Bearer <key>`, one of those whose SHA-256 digests ' +
      'ADMIN_API_KEYS lists. Ten failures from one address within ten minutes lock it out (429).',
  },
  cronSecret: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The scheduler's secret: `Authorization: Bearer $CRON_SECRET` (Vercel Cron sends it by itself).",
  },
  stripeSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Stripe-Signature',
    description:
      "Stripe's signature over the raw body, made with the endpoint's signing secret " +
      '(STRIPE_WEBHOOK_SECRET). Only Stripe can call this endpoint.',
  },
} satisfies Record<string, oas31.SecuritySchemeObject>;

type Scheme = keyof typeof securitySchemes;
const only = (scheme: Scheme): oas31.SecurityRequirementObject[] => [{ [scheme]: [] }];

/** The `security` of each kind of operation. */
export const requires = {
  /** Optional: without the cookie the shopper simply has an empty cart. */
  cart: [...only('cartCookie'), {}],
  operator: only('operatorKey'),
  cron: only('cronSecret'),
  stripe: only('stripeSignature'),
  nothing: [],
} satisfies Record<string, oas31.SecurityRequirementObject[]>;
