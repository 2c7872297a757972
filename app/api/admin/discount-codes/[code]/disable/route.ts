import { operatorApi } from '@/lib/admin/api-route';
import { disableCodeAs, toCodeJson } from '@/lib/admin/discount-code-actions';
import { jsonError } from '@/lib/http/json-api';
import { getStore } from '@/lib/store/store-client';

export const POST = operatorApi<{ code: string }>(async ({ caller, params }) => {
  const disabled = /^[A-Za-z0-9_-]{1,32}$/.test(params.code)
    ? await disableCodeAs(getStore(), caller.actor, params.code)
    : null;
  if (!disabled) return jsonError(404, 'No discount code with that name.', 'code');
  return Response.json({ discount_code: toCodeJson(disabled) });
});
