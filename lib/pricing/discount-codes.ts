/**
 * Discount codes as operators define them, and whether one applies to a
 * cart. Codes are case-insensitive (kept upper-case); one code per order.
 */
import { z } from 'zod';
import { formatMoney } from '../money';
import type { DiscountRule } from './discount';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export const discountCodeSchema = z.object({
  code: z.string().regex(CODE_PATTERN),
  kind: z.enum(['percent', 'amount']),
  percentOff: z.number().int().min(1).max(100).nullable(),
  amountOff: z.number().int().positive().nullable(),
  minSubtotal: z.number().int().nonnegative().nullable(),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  maxRedemptions: z.number().int().positive().nullable(),
  oncePerEmail: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.number(),
  createdBy: z.string(),
});

export type DiscountCode = z.infer<typeof discountCodeSchema>;

/** How a code stands at the moment of asking (counted by the store). */
export type CodeUsage = { redeemed: number; reserved: number; usedByEmail: boolean };

export type CodeRefusal =
  | 'unknown'
  | 'disabled'
  | 'not_yet_valid'
  | 'expired'
  | 'used_up'
  | 'minimum_not_reached'
  | 'already_used';

export function refusalMessage(
  reason: CodeRefusal,
  code: DiscountCode | null,
  currency: string,
): string {
  switch (reason) {
    case 'unknown':
      return 'That discount code does not exist.';
    case 'disabled':
      return 'That discount code is no longer offered.';
    case 'not_yet_valid':
      return `That discount code is not valid yet; it starts on ${new Date(code?.startsAt ?? 0).toISOString().slice(0, 10)}.`;
    case 'expired':
      return 'That discount code has expired.';
    case 'used_up':
      return 'That discount code has been used up.';
    case 'minimum_not_reached':
      return `That discount code needs an order of at least ${formatMoney({ amount: code?.minSubtotal ?? 0, currency })}.`;
    case 'already_used':
      return 'That discount code was already used with this email address.';
  }
}

/** Whether `code` applies to goods worth `subtotal` at `now`; the first reason it does not. */
export function checkCode(
  code: DiscountCode | null,
  { subtotal, now, usage }: { subtotal: number; now: number; usage: CodeUsage },
): { ok: true; rule: DiscountRule } | { ok: false; reason: CodeRefusal } {
  if (!code) return { ok: false, reason: 'unknown' };
  if (code.disabled) return { ok: false, reason: 'disabled' };
  if (code.startsAt !== null && now < code.startsAt) return { ok: false, reason: 'not_yet_valid' };
  if (code.endsAt !== null && now >= code.endsAt) return { ok: false, reason: 'expired' };
  if (code.maxRedemptions !== null && usage.redeemed + usage.reserved >= code.maxRedemptions) {
    return { ok: false, reason: 'used_up' };
  }
  if (code.minSubtotal !== null && subtotal < code.minSubtotal) {
    return { ok: false, reason: 'minimum_not_reached' };
  }
  if (code.oncePerEmail && usage.usedByEmail) return { ok: false, reason: 'already_used' };
  return {
    ok: true,
    rule:
      code.kind === 'percent'
        ? { code: code.code, kind: 'percent', percentOff: code.percentOff ?? 0 }
        : { code: code.code, kind: 'amount', amountOff: code.amountOff ?? 0 },
  };
}
