import { checkoutSessionStatusForRequest } from '@/lib/checkout/checkout-session-api';

/** See lib/checkout/checkout-session-api.ts. */
export async function GET(
  request: Request,
  { params }: RouteContext<'/api/checkout/session/[id]'>,
) {
  return checkoutSessionStatusForRequest(request, (await params).id);
}
