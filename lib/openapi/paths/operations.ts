/** For the platform, not people: app/api/health, app/api/cron/jobs, app/api/webhook. */
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { MAX_WEBHOOK_BODY_BYTES } from '../../checkout/webhook';
import { jsonBody } from '../request-body';
import { jsonResponse } from '../responses';
import { cronErrorSchema, webhookErrorSchema } from '../schemas/errors';
import {
  cronSweepSchema,
  healthSchema,
  stripeEventSchema,
  webhookReceivedSchema,
} from '../schemas/operations';
import { requires } from '../security';

const webhookError = (description: string) => jsonResponse(description, webhookErrorSchema);

export const operationsPaths: ZodOpenApiPathsObject = {
  '/api/health': {
    get: {
      operationId: 'checkHealth',
      tags: ['Operations'],
      summary: 'Health check',
      description:
        'For load balancers: whether the store (one PING) and Stripe (at most every 15 s per instance) answer within 2 s. Never cached.',
      security: requires.nothing,
      responses: {
        200: jsonResponse('Both answer.', healthSchema),
        503: jsonResponse('One does not; checks names which.', healthSchema),
      },
    },
  },
  '/api/cron/jobs': {
    get: {
      operationId: 'sweepJobs',
      tags: ['Operations'],
      summary: 'Run due background jobs',
      description:
        'The job sweeper: runs every background job that is due (queued, retrying, or left by a worker that stopped). ' +
        'The scheduler calls it; see vercel.json.',
      security: requires.cron,
      responses: {
        200: jsonResponse('What ran.', cronSweepSchema),
        401: jsonResponse('No secret, or the wrong one.', cronErrorSchema),
        503: jsonResponse('The store is unavailable.', cronErrorSchema),
      },
    },
  },
  '/api/webhook': {
    post: {
      operationId: 'receiveStripeEvent',
      tags: ['Operations'],
      summary: 'Stripe webhook',
      description:
        'Where Stripe sends events (payment_intent.*, refund.*, charge.refunded). The signature is checked over the raw bytes, ' +
        'each event is handled once, and the answer tells Stripe whether to retry.',
      security: requires.stripe,
      requestBody: jsonBody(
        stripeEventSchema,
        `A Stripe event, at most ${MAX_WEBHOOK_BODY_BYTES} bytes.`,
      ),
      responses: {
        200: jsonResponse(
          'Handled, acknowledged (nothing of this store), or handled before.',
          webhookReceivedSchema,
        ),
        400: webhookError('The signature does not match the body, or the body is no event.'),
        409: webhookError('The event is being handled elsewhere; Stripe retries later.'),
        413: webhookError(`The body is larger than ${MAX_WEBHOOK_BODY_BYTES} bytes.`),
        500: webhookError('Handling failed; Stripe retries.'),
        503: webhookError('The store is unavailable; Stripe retries.'),
      },
    },
  },
};
