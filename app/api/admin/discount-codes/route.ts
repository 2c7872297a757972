import { operatorApi, readJsonObject } from '@/lib/admin/api-route';
import { createCodeAs, listCodesWithUses, toCodeJson } from '@/lib/admin/discount-code-actions';
import { discountCodeBodySchema, toDiscountCode } from '@/lib/admin/discount-code-input';
import { jsonError } from '@/lib/http/json-api';
import { firstIssue } from '@/lib/refunds/refund-input';
import { getStore } from '@/lib/store/store-client';

export const GET = operatorApi(async () => {
  const codes = await listCodesWithUses(getStore());
  return Response.json({ discount_codes: codes.map(toCodeJson) });
});

/** `POST /api/admin/discount-codes` `{code, percent_off | amount_off, min_subtotal?, starts_at?, ends_at?, max_redemptions?, once_per_email?}`. */
export const POST = operatorApi(async ({ request, caller }) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const parsed = discountCodeBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const result = await createCodeAs(
    getStore(),
    caller.actor,
    toDiscountCode(parsed.data, caller.actor, Date.now()),
  );
  if (!result.ok) return jsonError(result.status, result.message, 'code');
  return Response.json({ discount_code: toCodeJson(result.code) }, { status: 201 });
});
