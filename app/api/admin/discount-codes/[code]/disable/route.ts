import { DISCOUNT_CODE_PARAM_PATTERN } from '@/lib/admin/api-params';
import { operatorApi } from '@/lib/admin/api-route';
import { disableCodeAs, toCodeJson } from '@/lib/admin/discount-code-actions';
import { jsonError } from '@/lib/http/json-api';
import { getStore } from '@/lib/store/store-client';

export const POST = operatorApi<{ code: string }>(async ({ caller, params }) => {
  const disabled = DISCOUNT_CODE_PARAM_PATTERN.test(params.code)
    ? await disableCodeAs(getStore(), caller.actor, params.code)
    : null;
  if (!disabled) return jsonError(404, 'No discount code with that name.', 'code');
  return Response.json({ discount_code: toCodeJson(disabled) });
});
