/** Refunds in the operator API: app/api/admin/refunds, app/api/admin/refund-requests/**. */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { refundRequestIdParam } from '../../admin/api-params';
import {
  IDEMPOTENCY_KEY_PATTERN,
  refundBodySchema,
  refundRequestBodySchema,
} from '../../refunds/refund-input';
import { jsonBody } from '../request-body';
import {
  errorResponse,
  jsonResponse,
  operatorBodyErrors,
  operatorErrors,
  stripeUnreachable,
} from '../responses';
import {
  refundJsonSchema,
  refundRequestQueuedSchema,
  refundRequestViewSchema,
} from '../schemas/refunds';
import { requires } from '../security';

/** What refunding an order can be refused for (lib/refunds/refund-order.ts). */
const refundRefusals = {
  404: errorResponse(
    'No such order, or no order of this store was paid with that PaymentIntent (field names which).',
  ),
  409: errorResponse('The order is not paid, or nothing is left to refund.'),
  422: errorResponse(
    'The amount is more than is left to refund (field "amount"), or Stripe refused.',
  ),
};

export const adminRefundPaths: ZodOpenApiPathsObject = {
  '/api/admin/refunds': {
    post: {
      operationId: 'refundOrder',
      tags: ['Refunds'],
      summary: 'Refund now',
      description:
        "Refunds an order (by order_id or payment_intent_id) at once and answers with Stripe's refund. " +
        "A retried call is one refund: by its Idempotency-Key, or without one while the order's refunded total is unchanged.",
      security: requires.operator,
      requestParams: {
        header: z.object({
          'Idempotency-Key': z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional().meta({
            description: 'Your key for this refund: the same key is the same refund.',
          }),
        }),
      },
      requestBody: jsonBody(refundBodySchema),
      responses: {
        200: jsonResponse("Stripe's refund.", refundJsonSchema),
        400: errorResponse(
          'The body is not valid JSON, not an object, or not as described; or the Idempotency-Key is not 8 to 200 visible characters.',
        ),
        ...refundRefusals,
        ...operatorBodyErrors,
        ...operatorErrors,
        ...stripeUnreachable,
      },
    },
  },
  '/api/admin/refund-requests': {
    post: {
      operationId: 'queueRefund',
      tags: ['Refunds'],
      summary: 'Queue a refund',
      description:
        'Queues the refund and answers at once; a background job sends it to Stripe. The same request_id never refunds twice.',
      security: requires.operator,
      requestBody: jsonBody(refundRequestBodySchema),
      responses: {
        202: jsonResponse(
          'Queued, or (the same request again) where the first one stands.',
          refundRequestQueuedSchema,
        ),
        400: errorResponse('The body is not valid JSON, not an object, or not as described.'),
        ...refundRefusals,
        409: errorResponse(
          'The order is not paid, nothing is left to refund, or the request_id was used for a different refund.',
        ),
        ...operatorBodyErrors,
        ...operatorErrors,
        ...stripeUnreachable,
      },
    },
  },
  '/api/admin/refund-requests/{id}': {
    get: {
      operationId: 'getRefundRequest',
      tags: ['Refunds'],
      summary: 'Read a refund request',
      description: 'Where the request stands, as Stripe last reported it.',
      security: requires.operator,
      requestParams: { path: z.object({ id: refundRequestIdParam }) },
      responses: {
        200: jsonResponse('The request.', refundRequestViewSchema),
        404: errorResponse('No refund request with that request_id (field "request_id").'),
        ...operatorErrors,
      },
    },
  },
};
