import { replaceItems } from '@/lib/cart/cart-commands';
import { parseCartItems } from '@/lib/cart/cart-input';
import { toCartJson } from '@/lib/cart/cart-json';
import { readCart } from '@/lib/cart/cart-session';
import { jsonError, readJsonBody } from '@/lib/http/json-api';
import { priceCartWithCode } from '@/lib/pricing/cart-discount';
import { getStore } from '@/lib/store/store-client';

async function cartJson(cart: Awaited<ReturnType<typeof readCart>>) {
  const { priced, codeProblem } = await priceCartWithCode(getStore(), cart);
  return { ...toCartJson(priced), discountProblem: codeProblem };
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET() {
  return Response.json({ cart: await cartJson(await readCart()) }, { headers: NO_STORE });
}

/** Replaces the cart: `{"items": {"<bookId>": {"quantity": n}}}`. */
export async function POST(request: Request) {
  const parsed = await readJsonBody(request);
  if (!parsed.ok) return parsed.response;
  const input = parseCartItems(parsed.body);
  if (!input.ok) return jsonError(400, input.message, input.field);
  const result = await replaceItems(input.lines);
  if (!result.ok) return jsonError(400, result.message, result.field);
  return Response.json(
    { message: result.message, cart: await cartJson(result.cart) },
    { headers: NO_STORE },
  );
}
