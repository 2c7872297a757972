/** What the health check, the cron sweeper and the Stripe webhook send. */
import { z } from 'zod';
import type { HealthReport } from '../../health/check-health';
import type { SweepResult } from '../../jobs/run-jobs';
import { sameType } from '../same-type';
import { count } from './common';

const availability = z.enum(['ok', 'unavailable']);

export const healthSchema = z
  .object({
    status: availability,
    checks: z.object({ store: availability, stripe: availability }),
  })
  .meta({ id: 'Health' });

sameType<HealthReport, z.output<typeof healthSchema>>();

const sweepSchema = z.object({
  succeeded: count(),
  retrying: count(),
  failed: count(),
  skipped: count(),
});

sameType<SweepResult, z.output<typeof sweepSchema>>();

export const cronSweepSchema = z.object({
  ran: sweepSchema.meta({ description: 'How many due jobs ended each way.' }),
});

/** What Stripe posts; the signature covers the exact bytes, so the body is read raw. */
export const stripeEventSchema = z
  .looseObject({
    id: z.string().meta({ examples: ['evt_1PqR5sT6uV7wX8yZ'] }),
    type: z.string().meta({ examples: ['payment_intent.succeeded'] }),
    data: z.looseObject({ object: z.looseObject({ id: z.string() }) }),
  })
  .meta({ id: 'StripeEvent' });

export const webhookReceivedSchema = z.object({
  received: z.literal(true),
  outcome: z
    .string()
    .optional()
    .meta({ description: 'What was done, e.g. "order ord_… is paid", or why nothing was.' }),
  duplicate: z
    .literal(true)
    .optional()
    .meta({ description: 'The event was handled before; nothing was done again.' }),
});
