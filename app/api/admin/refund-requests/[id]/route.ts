import { operatorApi } from '@/lib/admin/api-route';
import { jsonError } from '@/lib/http/json-api';
import { viewRefundRequest } from '@/lib/refunds/process-refund-request';
import { REQUEST_ID_PATTERN } from '@/lib/refunds/refund-input';
import { getStore } from '@/lib/store/store-client';

/** `GET /api/admin/refund-requests/{request_id}`: where the request stands, as Stripe reports it. */
export const GET = operatorApi<{ id: string }>(async ({ params }) => {
  const view = REQUEST_ID_PATTERN.test(params.id)
    ? await viewRefundRequest({ store: getStore() }, params.id)
    : null;
  if (!view) return jsonError(404, 'No refund request with that request_id.', 'request_id');
  return Response.json(view);
});
