import { findViewableOrder } from '@/lib/checkout/session-orders';
import { jsonError } from '@/lib/http/json-api';
import { toShopperOrderJson } from '@/lib/orders/shopper-order-json';

/**
 * `GET /api/orders/{id}`: one of this shopper's orders (the cart cookie's
 * session), or one whose receipt link `token` is given. Anyone else's is 404.
 */
export async function GET(request: Request, { params }: RouteContext<'/api/orders/[id]'>) {
  const token = new URL(request.url).searchParams.get('token') ?? undefined;
  const order = await findViewableOrder((await params).id, token);
  if (!order) return jsonError(404, 'No such order.', 'id');
  return Response.json(toShopperOrderJson(order), { headers: { 'Cache-Control': 'no-store' } });
}
