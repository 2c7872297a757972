'use client';

import { useActionState } from 'react';
import { markShipped } from '@/app/admin/actions';
import { IDLE_ADMIN_FORM_STATE } from '@/lib/admin/admin-form-state';
import { AdminFormStatus } from './admin-form-status';

/**
 * Stays mounted once the order cannot ship any more (saying why, with no fields), so the
 * message of the action that shipped it is still there to read.
 */
export function ShipForm({ orderId, closed }: { orderId: string; closed: string | null }) {
  const [state, action, pending] = useActionState(markShipped, IDLE_ADMIN_FORM_STATE);
  return (
    <form action={action} className="admin-form" aria-labelledby="ship-heading">
      <h3 id="ship-heading">Shipping</h3>
      {closed ? <p>{closed}</p> : null}
      <input type="hidden" name="orderId" value={orderId} />
      {closed ? null : (
        <>
          <label htmlFor="ship-carrier">Carrier</label>
          <input
            id="ship-carrier"
            name="carrier"
            defaultValue={state.values?.carrier}
            required
            maxLength={60}
            aria-invalid={state.field === 'carrier' || undefined}
            aria-describedby="ship-status"
          />
          <label htmlFor="ship-tracking">Tracking number</label>
          <input
            id="ship-tracking"
            name="trackingNumber"
            defaultValue={state.values?.trackingNumber}
            required
            maxLength={40}
            aria-invalid={state.field === 'trackingNumber' || undefined}
            aria-describedby="ship-status"
          />
          <button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Mark shipped'}
          </button>
        </>
      )}
      <AdminFormStatus state={state} id="ship-status" />
    </form>
  );
}
