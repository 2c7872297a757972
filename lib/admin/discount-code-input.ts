/** A discount code as an operator defines it (API body or back-office form), checked. */
import { z } from 'zod';
import { CODE_PATTERN, normalizeCode, type DiscountCode } from '../pricing/discount-codes';

const isoTime = (name: string) =>
  z
    .string({ error: `${name} must be an ISO 8601 time, e.g. 2026-12-24T00:00:00Z` })
    .refine(
      (value) =>
        /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
        !Number.isNaN(Date.parse(value)),
      {
        message: `${name} must be an ISO 8601 time, e.g. 2026-12-24T00:00:00Z`,
      },
    )
    .transform((value) => Date.parse(value));

export const discountCodeBodySchema = z
  .object({
    code: z
      .string({ error: 'code is required' })
      .transform(normalizeCode)
      .refine((value) => CODE_PATTERN.test(value), {
        message:
          'code must be 3 to 32 letters, digits, "-" or "_", starting with a letter or digit',
      }),
    percent_off: z
      .number({ error: 'percent_off must be a whole number from 1 to 100' })
      .int('percent_off must be a whole number from 1 to 100')
      .min(1, 'percent_off must be a whole number from 1 to 100')
      .max(100, 'percent_off must be a whole number from 1 to 100')
      .optional(),
    amount_off: z
      .number({ error: 'amount_off must be a positive whole number of minor units (cents)' })
      .int('amount_off must be a positive whole number of minor units (cents)')
      .positive('amount_off must be a positive whole number of minor units (cents)')
      .max(10_000_000, 'amount_off is larger than any order')
      .optional(),
    min_subtotal: z
      .number({ error: 'min_subtotal must be a whole number of minor units (cents)' })
      .int('min_subtotal must be a whole number of minor units (cents)')
      .nonnegative('min_subtotal must not be negative')
      .optional(),
    starts_at: isoTime('starts_at').optional(),
    ends_at: isoTime('ends_at').optional(),
    max_redemptions: z
      .number({ error: 'max_redemptions must be a positive whole number' })
      .int('max_redemptions must be a positive whole number')
      .positive('max_redemptions must be a positive whole number')
      .optional(),
    once_per_email: z.boolean({ error: 'once_per_email must be true or false' }).optional(),
  })
  .strict()
  .refine((body) => (body.percent_off === undefined) !== (body.amount_off === undefined), {
    message: 'Give exactly one of percent_off and amount_off',
    path: ['percent_off'],
  })
  .refine((body) => !body.starts_at || !body.ends_at || body.starts_at < body.ends_at, {
    message: 'ends_at must be after starts_at',
    path: ['ends_at'],
  });

export function toDiscountCode(
  body: z.infer<typeof discountCodeBodySchema>,
  createdBy: string,
  now: number,
): DiscountCode {
  return {
    code: body.code,
    kind: body.percent_off !== undefined ? 'percent' : 'amount',
    percentOff: body.percent_off ?? null,
    amountOff: body.amount_off ?? null,
    minSubtotal: body.min_subtotal ?? null,
    startsAt: body.starts_at ?? null,
    endsAt: body.ends_at ?? null,
    maxRedemptions: body.max_redemptions ?? null,
    oncePerEmail: body.once_per_email ?? false,
    disabled: false,
    createdAt: now,
    createdBy,
  };
}
