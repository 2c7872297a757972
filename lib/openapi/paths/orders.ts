/** The shopper's orders: app/api/orders/[id]/route.ts. */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, jsonResponse } from '../responses';
import { shopperOrderJsonSchema } from '../schemas/order';
import { requires } from '../security';

export const orderPaths: ZodOpenApiPathsObject = {
  '/api/orders/{id}': {
    get: {
      operationId: 'getMyOrder',
      tags: ['Orders (shopper)'],
      summary: 'Read one of your orders',
      description:
        "An order of this browser's session, or one whose receipt link `token` is given; any other is 404.",
      security: requires.cart,
      requestParams: {
        path: z.object({ id: z.string().meta({ examples: ['ord_7Hq2Lx9TfA3kPz0Wm5Rb1Ncd'] }) }),
        query: z.object({
          token: z
            .string()
            .optional()
            .meta({ description: "The token in the receipt's order link." }),
        }),
      },
      responses: {
        200: jsonResponse(
          'The order, with its breakdown and timeline facts.',
          shopperOrderJsonSchema,
        ),
        404: errorResponse('No such order of yours (field "id").'),
      },
    },
  },
};
