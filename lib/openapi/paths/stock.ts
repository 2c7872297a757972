/** Stock: app/api/stock/route.ts (shoppers) and app/api/admin/books/[id]/stock (operators). */
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { stockBodySchema } from '../../admin/stock-input';
import { MAX_STOCK_IDS } from '../../stock/availability-api';
import { jsonBody } from '../request-body';
import { errorResponse, jsonResponse, operatorBodyErrors, operatorErrors } from '../responses';
import { bookStockResponseSchema, stockResponseSchema } from '../schemas/stock';
import { requires } from '../security';

const bookPath = {
  path: z.object({ id: z.string().meta({ description: "A book's id.", examples: ['b02'] }) }),
};
const noBook = errorResponse('No book with that id (field "id").');

export const stockPaths: ZodOpenApiPathsObject = {
  '/api/stock': {
    get: {
      operationId: 'getAvailability',
      tags: ['Stock'],
      summary: 'Read availability',
      description:
        'What the pages show beside each book: "In stock", "Only N left" (5 or fewer) or "Sold out". ' +
        'Checkout holds copies atomically when payment is prepared, so this is a guide, not a promise.',
      security: requires.nothing,
      requestParams: {
        query: z.object({
          ids: z.string().meta({
            description: `Book ids, comma-separated, at most ${MAX_STOCK_IDS}.`,
            examples: ['b01,b02'],
          }),
        }),
      },
      responses: {
        200: jsonResponse('Each book asked for, in the order asked.', stockResponseSchema),
        400: errorResponse('ids is missing, names an unknown book, or lists too many.'),
        503: errorResponse('The store cannot be read right now.'),
      },
    },
  },
  '/api/admin/books/{id}/stock': {
    get: {
      operationId: 'getBookStock',
      tags: ['Stock'],
      summary: "Read a book's stock",
      security: requires.operator,
      requestParams: bookPath,
      responses: {
        200: jsonResponse('The book’s counts.', bookStockResponseSchema),
        404: noBook,
        ...operatorErrors,
      },
    },
    put: {
      operationId: 'setBookStock',
      tags: ['Stock'],
      summary: "Set a book's stock",
      description:
        'Copies on the shelf from now on. Copies held by payments being prepared stay held; ' +
        'a paid order whose copies are then missing is held for review, never oversold. Audited.',
      security: requires.operator,
      requestParams: bookPath,
      requestBody: jsonBody(stockBodySchema),
      responses: {
        200: jsonResponse('The book’s counts after the change.', bookStockResponseSchema),
        400: errorResponse('The body is not valid JSON or stock is not a whole number in range.'),
        404: noBook,
        ...operatorBodyErrors,
        ...operatorErrors,
      },
    },
  },
};
