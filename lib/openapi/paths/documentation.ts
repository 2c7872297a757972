/** This document and its reader: app/api/openapi.json, app/api/docs/**. */
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { SCALAR_BUNDLE_PATH } from '../scalar-bundle';
import { requires } from '../security';

export const documentationPaths: ZodOpenApiPathsObject = {
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tags: ['Documentation'],
      summary: 'This OpenAPI document',
      security: requires.nothing,
      responses: {
        200: {
          description:
            'The OpenAPI 3.1 document, built from the zod schemas the routes validate with.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  },
  '/api/docs': {
    get: {
      operationId: 'getApiReference',
      tags: ['Documentation'],
      summary: 'Interactive API reference',
      description: 'Scalar, reading this document; served from this site only.',
      security: requires.nothing,
      responses: {
        200: {
          description: 'The reference page.',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
      },
    },
  },
  [SCALAR_BUNDLE_PATH]: {
    get: {
      operationId: 'getApiReferenceScript',
      tags: ['Documentation'],
      summary: "The reference page's script",
      description: "Scalar's standalone browser build, from node_modules/@scalar/api-reference.",
      security: requires.nothing,
      responses: {
        200: {
          description: 'JavaScript.',
          content: { 'text/javascript': { schema: { type: 'string' } } },
        },
      },
    },
  },
};
