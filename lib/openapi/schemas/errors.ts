/**
 * The error bodies the API sends. Shopper and operator endpoints share one
 * shape (lib/http/json-api.ts `jsonError`); the cron sweeper and the Stripe
 * webhook have their own, older ones.
 */
import { z } from 'zod';

export const apiErrorSchema = z
  .object({
    error: z.object({
      message: z.string().meta({ description: 'What is wrong, in words to show a person.' }),
      field: z.string().nullable().meta({
        description:
          'The field, parameter or header at fault (dotted for nested fields, e.g. items.b01.quantity), or null.',
      }),
    }),
  })
  .meta({ id: 'Error' });

export const cronErrorSchema = z
  .object({ error: z.object({ message: z.string() }) })
  .meta({ id: 'CronError' });

export const webhookErrorSchema = z.object({ error: z.string() }).meta({ id: 'WebhookError' });
