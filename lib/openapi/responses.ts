/** Response objects the operations share: JSON bodies, and each kind of refusal. */
import type { $ZodType } from 'zod/v4/core';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { MAX_JSON_BODY_BYTES } from '../http/json-api';
import { apiErrorSchema } from './schemas/errors';

export function jsonResponse(description: string, schema: $ZodType): ZodOpenApiResponseObject {
  return { description, content: { 'application/json': { schema } } };
}

/** A `{"error": {"message", "field"}}` refusal. */
export function errorResponse(description: string): ZodOpenApiResponseObject {
  return jsonResponse(description, apiErrorSchema);
}

/** What the guards of lib/http/json-api.ts refuse before a body is read as the operation's. */
const jsonBodyErrors = {
  413: errorResponse(`The body is larger than ${MAX_JSON_BODY_BYTES} bytes.`),
  415: errorResponse('The body is not sent as Content-Type: application/json.'),
} satisfies ZodOpenApiResponsesObject;

/** A shopper's JSON POST: same-origin only, then the JSON guards. */
export const shopperBodyErrors = {
  403: errorResponse(
    'The request does not come from this site (its Origin is not the store\'s). Field: "Origin".',
  ),
  ...jsonBodyErrors,
} satisfies ZodOpenApiResponsesObject;

/** An operator's JSON POST: the JSON guards, and an object body. */
export const operatorBodyErrors = jsonBodyErrors;

/** What every operator endpoint may answer (lib/admin/api-route.ts, lib/admin/api-auth.ts). */
export const operatorErrors = {
  401: {
    ...errorResponse('No key, or not a key of this store.'),
    headers: { 'WWW-Authenticate': { schema: { type: 'string', const: 'Bearer' } } },
  },
  429: errorResponse('Too many failed attempts from this address; try again later.'),
  500: errorResponse('Something went wrong (logged as admin_api.failed).'),
  503: errorResponse('The store is unavailable; try again shortly.'),
} satisfies ZodOpenApiResponsesObject;

/** For operator endpoints that call Stripe. */
export const stripeUnreachable = {
  502: errorResponse('Stripe could not be reached; try again shortly.'),
} satisfies ZodOpenApiResponsesObject;
