/** Operators' changes to discount codes, for the back office and the API alike, each audited. */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { formatMoney } from '../money';
import type { DiscountCode } from '../pricing/discount-codes';
import { normalizeCode } from '../pricing/discount-codes';
import {
  createDiscountCode,
  disableDiscountCode,
  listDiscountCodes,
} from '../store/discount-code-store';
import { storeCall } from '../store/store-client';
import { storeKeys } from '../store/store-keys';
import { STORE_CURRENCY } from '../store-settings';
import { audit } from './audit-log';

export function describeCode(code: DiscountCode): string {
  const off =
    code.kind === 'percent'
      ? `${code.percentOff} % off`
      : `${formatMoney({ amount: code.amountOff ?? 0, currency: STORE_CURRENCY })} off`;
  const limits = [
    code.minSubtotal
      ? `orders from ${formatMoney({ amount: code.minSubtotal, currency: STORE_CURRENCY })}`
      : null,
    code.maxRedemptions ? `${code.maxRedemptions} uses` : null,
    code.oncePerEmail ? 'once per email' : null,
  ].filter(Boolean);
  return limits.length ? `${off}, ${limits.join(', ')}` : off;
}

export async function createCodeAs(
  store: Redis,
  actor: string,
  code: DiscountCode,
): Promise<{ ok: true; code: DiscountCode } | { ok: false; status: 409; message: string }> {
  const created = await createDiscountCode(store, code);
  await audit(store, {
    actor,
    action: 'create_code',
    orderId: null,
    outcome: created ? 'ok' : 'refused',
    detail: created ? `${code.code}: ${describeCode(code)}` : `${code.code}: already exists`,
  });
  return created
    ? { ok: true, code }
    : { ok: false, status: 409, message: `A discount code ${code.code} already exists.` };
}

export async function disableCodeAs(
  store: Redis,
  actor: string,
  rawCode: string,
): Promise<DiscountCode | null> {
  const code = normalizeCode(rawCode);
  const disabled = await disableDiscountCode(store, code);
  await audit(store, {
    actor,
    action: 'disable_code',
    orderId: null,
    outcome: disabled ? 'ok' : 'refused',
    detail: disabled ? `${code}: disabled` : `${code}: no such code`,
  });
  return disabled;
}

export type CodeWithUses = DiscountCode & { redeemed: number };

export async function listCodesWithUses(store: Redis): Promise<CodeWithUses[]> {
  const codes = await listDiscountCodes(store);
  if (codes.length === 0) return [];
  const counts = await storeCall('countRedemptions', () => {
    const pipeline = store.pipeline();
    for (const code of codes) pipeline.scard(storeKeys.codeRedemptions(code.code));
    return pipeline.exec<number[]>();
  });
  return codes.map((code, i) => ({ ...code, redeemed: Number(counts[i] ?? 0) }));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toCodeJson(code: CodeWithUses | DiscountCode) {
  return {
    code: code.code,
    percent_off: code.percentOff,
    amount_off: code.amountOff,
    min_subtotal: code.minSubtotal,
    starts_at: iso(code.startsAt),
    ends_at: iso(code.endsAt),
    max_redemptions: code.maxRedemptions,
    once_per_email: code.oncePerEmail,
    disabled: code.disabled,
    redeemed: 'redeemed' in code ? code.redeemed : 0,
    // Never null, unlike the window's ends: the type says so, and so does the API's document.
    created_at: new Date(code.createdAt).toISOString(),
  };
}
