/** A discount code as the operator API shows it (lib/admin/discount-code-actions.ts). */
import { z } from 'zod';
import type { toCodeJson } from '../../admin/discount-code-actions';
import { sameType } from '../same-type';
import { amount, count, isoTime } from './common';

export const discountCodeJsonSchema = z
  .object({
    code: z.string().meta({ examples: ['SPRING25'] }),
    percent_off: z.number().int().nullable(),
    amount_off: amount().nullable(),
    min_subtotal: amount().nullable(),
    starts_at: isoTime().nullable(),
    ends_at: isoTime().nullable(),
    max_redemptions: z.number().int().nullable(),
    once_per_email: z.boolean(),
    disabled: z.boolean(),
    redeemed: count(),
    created_at: isoTime(),
  })
  .meta({ id: 'DiscountCode' });

sameType<ReturnType<typeof toCodeJson>, z.output<typeof discountCodeJsonSchema>>();

export const discountCodeResponseSchema = z.object({ discount_code: discountCodeJsonSchema });

export const discountCodeListSchema = z.object({ discount_codes: z.array(discountCodeJsonSchema) });
