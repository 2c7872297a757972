/** The OpenAPI 3.1 document for app/api, served at /api/openapi.json. */
import 'server-only';
import { createDocument, type oas31 } from 'zod-openapi';
import packageJson from '../../package.json';
import { STORE_NAME } from '../store-settings';
import { apiPaths } from './paths';
import { securitySchemes } from './security';

const tags: oas31.TagObject[] = [
  { name: 'Cart', description: "The shopper's cart, kept in an encrypted cookie." },
  { name: 'Checkout', description: 'Quotes and payment for the cart.' },
  { name: 'Orders', description: 'Operator API: orders, shipments and their PaymentIntents.' },
  { name: 'Refunds', description: 'Operator API: refunds, now or queued.' },
  { name: 'Discount codes', description: 'Operator API: the codes shoppers can apply.' },
  { name: 'Stock', description: 'Copies available to shoppers, and the counts operators set.' },
  { name: 'Operations', description: 'Health check, job sweeper and the Stripe webhook.' },
  { name: 'Documentation', description: 'This document and its interactive reference.' },
];

export function buildOpenApiDocument(): oas31.OpenAPIObject {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: `${STORE_NAME} API`,
      version: packageJson.version,
      description:
        'JSON endpoints of the storefront. Amounts are integer minor units of their currency. ' +
        'Refusals are `{"error": {"message", "field"}}` unless an operation says otherwise.',
    },
    tags,
    paths: apiPaths(),
    // Request bodies stay inline: each is the schema its route parses with, in its input form.
    components: { securitySchemes },
  });
}
