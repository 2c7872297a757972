import type { $ZodType } from 'zod/v4/core';
import type { ZodOpenApiRequestBodyObject } from 'zod-openapi';

/**
 * A required JSON body, described by the zod schema the route validates it
 * with (pass the schema itself, never a copy, so the two cannot part).
 */
export function jsonBody(schema: $ZodType, description?: string): ZodOpenApiRequestBodyObject {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  };
}
