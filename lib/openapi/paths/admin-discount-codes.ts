/** Discount codes in the operator API: app/api/admin/discount-codes/**. */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { discountCodeParam } from '../../admin/api-params';
import { discountCodeBodySchema } from '../../admin/discount-code-input';
import { jsonBody } from '../request-body';
import { errorResponse, jsonResponse, operatorBodyErrors, operatorErrors } from '../responses';
import { discountCodeListSchema, discountCodeResponseSchema } from '../schemas/discount-codes';
import { requires } from '../security';

export const adminDiscountCodePaths: ZodOpenApiPathsObject = {
  '/api/admin/discount-codes': {
    get: {
      operationId: 'listDiscountCodes',
      tags: ['Discount codes'],
      summary: 'List discount codes',
      security: requires.operator,
      responses: {
        200: jsonResponse('Every code, with how often it was redeemed.', discountCodeListSchema),
        ...operatorErrors,
      },
    },
    post: {
      operationId: 'createDiscountCode',
      tags: ['Discount codes'],
      summary: 'Create a discount code',
      description: 'Exactly one of percent_off and amount_off. Codes are kept upper-case.',
      security: requires.operator,
      requestBody: jsonBody(discountCodeBodySchema),
      responses: {
        201: jsonResponse('The code, created.', discountCodeResponseSchema),
        400: errorResponse('The body is not valid JSON, not an object, or not as described.'),
        409: errorResponse('A code of that name exists already (field "code").'),
        ...operatorBodyErrors,
        ...operatorErrors,
      },
    },
  },
  '/api/admin/discount-codes/{code}/disable': {
    post: {
      operationId: 'disableDiscountCode',
      tags: ['Discount codes'],
      summary: 'Disable a discount code',
      description: 'From now on the code applies to no cart.',
      security: requires.operator,
      requestParams: { path: z.object({ code: discountCodeParam }) },
      responses: {
        200: jsonResponse('The code, disabled.', discountCodeResponseSchema),
        404: errorResponse('No discount code with that name (field "code").'),
        ...operatorErrors,
      },
    },
  },
};
