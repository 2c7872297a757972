import { operatorApi, readJsonObject } from '@/lib/admin/api-route';
import { listBookStock, setStockAs, toStockJson } from '@/lib/admin/stock-actions';
import { stockBodySchema } from '@/lib/admin/stock-input';
import { findBookById } from '@/lib/catalog/catalog';
import { jsonError } from '@/lib/http/json-api';
import { firstIssue } from '@/lib/refunds/refund-input';
import { getStore } from '@/lib/store/store-client';

const unknownBook = () => jsonError(404, 'No book with that id.', 'id');

export const GET = operatorApi<{ id: string }>(async ({ params }) => {
  const book = findBookById(params.id);
  if (!book) return unknownBook();
  const [level] = await listBookStock(getStore(), [book]);
  return Response.json({ stock: level ? toStockJson(level) : null });
});

/** `PUT /api/admin/books/{id}/stock` `{stock}`: copies on the shelf from now on. */
export const PUT = operatorApi<{ id: string }>(async ({ request, caller, params }) => {
  const book = findBookById(params.id);
  if (!book) return unknownBook();
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const parsed = stockBodySchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return jsonError(400, issue.message, issue.field);
  }
  const level = await setStockAs(getStore(), caller.actor, book, parsed.data.stock);
  return Response.json({ stock: toStockJson(level) });
});
