/** The back office's stock form: the same checks and audit as the API's PUT. */
import 'server-only';
import { revalidatePath } from 'next/cache';
import { findBookById } from '../catalog/catalog';
import { getStore } from '../store/store-client';
import { adminFormState, type AdminFormState } from './admin-form-state';
import type { Operator } from './operator-session';
import { setStockAs } from './stock-actions';
import { parseStockField } from './stock-input';

export async function submitStock(operator: Operator, form: FormData): Promise<AdminFormState> {
  const bookId = form.get('bookId');
  const book = typeof bookId === 'string' ? findBookById(bookId) : undefined;
  if (!book) return adminFormState('error', 'That book is not in the catalog.', 'bookId');
  const stock = parseStockField(form.get('stock'));
  if (!stock.ok) return adminFormState('error', stock.message, 'stock');
  const level = await setStockAs(getStore(), operator.email, book, stock.value);
  revalidatePath('/admin/stock');
  return adminFormState(
    'success',
    `${book.title}: ${level.onHand} on the shelf, ${level.held} held, ${level.available} available.`,
  );
}
