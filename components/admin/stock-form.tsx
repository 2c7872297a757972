'use client';

import { useActionState, useId } from 'react';
import { setBookStock } from '@/app/admin/actions';
import { IDLE_ADMIN_FORM_STATE } from '@/lib/admin/admin-form-state';
import { AdminFormStatus } from './admin-form-status';

type Props = { bookId: string; title: string; onHand: number };

/** One book's count on the shelf; its message says what is held and available after. */
export function StockForm({ bookId, title, onHand }: Props) {
  const [state, action, pending] = useActionState(setBookStock, IDLE_ADMIN_FORM_STATE);
  const inputId = useId();
  const statusId = useId();
  return (
    <form action={action} className="stock-form">
      <input type="hidden" name="bookId" value={bookId} />
      <label htmlFor={inputId} className="visually-hidden">
        Stock for {title}
      </label>
      <input
        // Re-mount when the saved count changes, so the field shows it.
        key={onHand}
        id={inputId}
        name="stock"
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        defaultValue={state.values?.stock ?? onHand}
        required
        aria-invalid={state.field === 'stock' || undefined}
        aria-describedby={statusId}
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
        <span className="visually-hidden"> stock for {title}</span>
      </button>
      <AdminFormStatus state={state} id={statusId} />
    </form>
  );
}
