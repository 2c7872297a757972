/** Stock as the shopper's and the operator's APIs show it (lib/stock, lib/admin/stock-actions.ts). */
import { z } from 'zod';
import type { toStockJson } from '../../admin/stock-actions';
import type { StockJson } from '../../stock/availability';
import { sameType } from '../same-type';
import { count } from './common';

const bookId = z.string().meta({ examples: ['b02'] });

export const bookAvailabilitySchema = z
  .object({
    id: bookId,
    available: count().meta({ description: 'Copies a cart may still take.' }),
    availability: z.enum(['in_stock', 'low', 'sold_out']),
    label: z.string().meta({ examples: ['In stock', 'Only 3 left', 'Sold out'] }),
  })
  .meta({ id: 'BookAvailability' });

export const stockResponseSchema = z.object({ books: z.array(bookAvailabilitySchema) });

sameType<StockJson, z.output<typeof stockResponseSchema>>();

export const bookStockJsonSchema = z
  .object({
    book_id: bookId,
    title: z.string(),
    stock: count().meta({ description: 'Copies on the shelf, as last set less those sold since.' }),
    held: count().meta({ description: 'Copies held by payments being prepared or under way.' }),
    available: count().meta({ description: 'stock less held: what shoppers may still buy.' }),
  })
  .meta({ id: 'BookStock' });

sameType<ReturnType<typeof toStockJson>, z.output<typeof bookStockJsonSchema>>();

export const bookStockResponseSchema = z.object({ stock: bookStockJsonSchema });
