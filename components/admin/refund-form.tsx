'use client';

import { useActionState } from 'react';
import { refundOrder } from '@/app/admin/actions';
import { IDLE_ADMIN_FORM_STATE } from '@/lib/admin/admin-form-state';
import { AdminFormStatus } from './admin-form-status';

type Props = {
  orderId: string;
  /** A fresh id per page render: the same form sent twice is one refund. */
  requestId: string;
  /** "$12.34 of $20.00 is left to refund", formatted on the server. */
  leftText: string;
  currencyCode: string;
  reasons: { value: string; label: string }[];
  /** False once nothing is left: the form stays, with its last message, but no fields. */
  refundable: boolean;
};

export function RefundForm({
  orderId,
  requestId,
  leftText,
  currencyCode,
  reasons,
  refundable,
}: Props) {
  const [state, action, pending] = useActionState(refundOrder, IDLE_ADMIN_FORM_STATE);
  return (
    <form action={action} className="admin-form" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund</h3>
      <p id="refund-left">{leftText}</p>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestId" value={requestId} />
      {refundable ? (
        <>
          <label htmlFor="refund-amount">
            Amount ({currencyCode}); leave empty to refund everything left
          </label>
          <input
            id="refund-amount"
            name="amount"
            defaultValue={state.values?.amount}
            inputMode="decimal"
            autoComplete="off"
            aria-invalid={state.field === 'amount' || undefined}
            aria-describedby="refund-left refund-status"
          />
          <label htmlFor="refund-reason">Reason</label>
          <select
            id="refund-reason"
            name="reason"
            defaultValue={state.values?.reason ?? 'requested_by_customer'}
          >
            <option value="">No reason given</option>
            {reasons.map((reason) => (
              <option key={reason.value} value={reason.value}>
                {reason.label}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>When</legend>
            <label>
              <input
                type="radio"
                name="mode"
                value="now"
                defaultChecked={state.values?.mode !== 'queued'}
              />{' '}
              Refund now and wait for Stripe&apos;s answer
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                value="queued"
                defaultChecked={state.values?.mode === 'queued'}
              />{' '}
              Refund in the background
            </label>
          </fieldset>
          <button type="submit" disabled={pending}>
            {pending ? 'Refunding…' : 'Refund'}
          </button>
        </>
      ) : null}
      <AdminFormStatus state={state} id="refund-status" />
    </form>
  );
}
