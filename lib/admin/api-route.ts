/**
 * The frame of every operator API route: the key is checked first, errors
 * have the cart API's `{"error": {"message", "field"}}` shape, and nothing
 * is cached.
 */
import 'server-only';
import Stripe from 'stripe';
import { jsonError, readJson } from '../http/json-api';
import { getLogger } from '../log/logger';
import { isTransientError } from '../refunds/stripe-errors';
import { StoreUnavailableError } from '../store/store-client';
import { authenticateApiCall, type ApiCaller } from './api-auth';

type Handler<P> = (input: { request: Request; caller: ApiCaller; params: P }) => Promise<Response>;

export function operatorApi<P>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const auth = await authenticateApiCall(request);
      if (!auth.ok) return noStore(auth.response);
      return noStore(await handler({ request, caller: auth.caller, params: await context.params }));
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        return noStore(jsonError(503, 'The store is unavailable; try again shortly.'));
      }
      getLogger().error({
        event: 'admin_api.failed',
        path: new URL(request.url).pathname,
        error: error instanceof Error ? error.message : String(error),
      });
      if (error instanceof Stripe.errors.StripeError && isTransientError(error)) {
        return noStore(jsonError(502, 'Stripe could not be reached; try again shortly.'));
      }
      return noStore(jsonError(500, 'Something went wrong.'));
    }
  };
}

function noStore(response: Response): Response {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** The JSON object a POST carries, or the error response. */
export async function readJsonObject(
  request: Request,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  const parsed = await readJson(request);
  if (!parsed.ok) return parsed;
  if (typeof parsed.body !== 'object' || parsed.body === null || Array.isArray(parsed.body)) {
    return { ok: false, response: jsonError(400, 'The body must be a JSON object.') };
  }
  return { ok: true, body: parsed.body as Record<string, unknown> };
}
