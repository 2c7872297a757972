/** Orders in the operator API: app/api/admin/orders/**, app/api/admin/payment-intents/[id]. */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { orderIdParam, paymentIntentIdParam } from '../../admin/api-params';
import { orderSearchQuerySchema } from '../../admin/order-search';
import { shipmentBodySchema } from '../../refunds/refund-input';
import { jsonBody } from '../request-body';
import {
  errorResponse,
  jsonResponse,
  operatorBodyErrors,
  operatorErrors,
  stripeUnreachable,
} from '../responses';
import { orderPageSchema, orderResponseSchema } from '../schemas/order';
import { paymentIntentJsonSchema } from '../schemas/refunds';
import { requires } from '../security';

const noOrder = errorResponse('No order with that id (field "id").');
const orderPath = { path: z.object({ id: orderIdParam }) };

export const adminOrderPaths: ZodOpenApiPathsObject = {
  '/api/admin/orders': {
    get: {
      operationId: 'listOrders',
      tags: ['Orders'],
      summary: 'List orders',
      description:
        'Newest first, 25 a page, optionally by status or by search (an order number, or an email address).',
      security: requires.operator,
      requestParams: { query: orderSearchQuerySchema },
      responses: {
        200: jsonResponse('A page of orders.', orderPageSchema),
        400: errorResponse('A parameter is not valid (field names it: status, q or cursor).'),
        ...operatorErrors,
      },
    },
  },
  '/api/admin/orders/{id}': {
    get: {
      operationId: 'getOrder',
      tags: ['Orders'],
      summary: 'Read an order',
      security: requires.operator,
      requestParams: orderPath,
      responses: {
        200: jsonResponse('The order.', orderResponseSchema),
        404: noOrder,
        ...operatorErrors,
      },
    },
  },
  '/api/admin/orders/{id}/shipment': {
    post: {
      operationId: 'shipOrder',
      tags: ['Orders'],
      summary: 'Mark an order shipped',
      description: 'Records the shipment once and mails the shopper its tracking number.',
      security: requires.operator,
      requestParams: orderPath,
      requestBody: jsonBody(shipmentBodySchema),
      responses: {
        200: jsonResponse('The order, shipped.', orderResponseSchema),
        400: errorResponse('The body is not valid JSON, not an object, or not as described.'),
        404: noOrder,
        409: errorResponse('The order is not paid, was shipped already, or was refunded in full.'),
        ...operatorBodyErrors,
        ...operatorErrors,
      },
    },
  },
  '/api/admin/payment-intents/{id}': {
    get: {
      operationId: 'getPaymentIntent',
      tags: ['Orders'],
      summary: 'Read a PaymentIntent',
      description: 'The intent as Stripe has it now, and the order it is for.',
      security: requires.operator,
      requestParams: { path: z.object({ id: paymentIntentIdParam }) },
      responses: {
        200: jsonResponse('The intent.', paymentIntentJsonSchema),
        404: errorResponse('Stripe has no PaymentIntent with that id (field "id").'),
        ...operatorErrors,
        ...stripeUnreachable,
      },
    },
  },
};
