'use client';

import { useActionState } from 'react';
import { createDiscountCode } from '@/app/admin/actions';
import { IDLE_ADMIN_FORM_STATE } from '@/lib/admin/admin-form-state';
import { AdminFormStatus } from './admin-form-status';

export function DiscountCodeForm() {
  const [state, action, pending] = useActionState(createDiscountCode, IDLE_ADMIN_FORM_STATE);
  const invalid = (field: string) => state.field === field || undefined;
  const v = state.values;
  return (
    <form action={action} className="admin-form" aria-labelledby="new-code-heading">
      <h2 id="new-code-heading">New discount code</h2>
      <label htmlFor="code-name">Code</label>
      <input
        id="code-name"
        name="code"
        defaultValue={v?.code}
        required
        maxLength={32}
        aria-invalid={invalid('code')}
        aria-describedby="code-status"
      />
      <fieldset>
        <legend>Takes off</legend>
        <label>
          <input type="radio" name="kind" value="percent" defaultChecked={v?.kind !== 'amount'} /> A
          percentage
        </label>
        <label>
          <input type="radio" name="kind" value="amount" defaultChecked={v?.kind === 'amount'} /> An
          amount (USD)
        </label>
      </fieldset>
      <label htmlFor="code-value">Percentage or amount off</label>
      <input
        id="code-value"
        name="value"
        defaultValue={v?.value}
        inputMode="decimal"
        required
        aria-invalid={invalid('value')}
        aria-describedby="code-status"
      />
      <label htmlFor="code-min">Minimum order (USD, optional)</label>
      <input
        id="code-min"
        name="minSubtotal"
        defaultValue={v?.minSubtotal}
        inputMode="decimal"
        aria-invalid={invalid('minSubtotal')}
        aria-describedby="code-status"
      />
      <label htmlFor="code-starts">Valid from (optional)</label>
      <input
        id="code-starts"
        name="startsAt"
        defaultValue={v?.startsAt}
        type="date"
        aria-invalid={invalid('startsAt')}
      />
      <label htmlFor="code-ends">Valid until (optional, not included)</label>
      <input
        id="code-ends"
        name="endsAt"
        defaultValue={v?.endsAt}
        type="date"
        aria-invalid={invalid('endsAt')}
        aria-describedby="code-status"
      />
      <label htmlFor="code-max">Maximum uses (optional)</label>
      <input
        id="code-max"
        name="maxRedemptions"
        defaultValue={v?.maxRedemptions}
        inputMode="numeric"
        aria-invalid={invalid('maxRedemptions')}
        aria-describedby="code-status"
      />
      <label>
        <input type="checkbox" name="oncePerEmail" defaultChecked={v?.oncePerEmail === 'on'} /> Once
        per email address
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create code'}
      </button>
      <AdminFormStatus state={state} id="code-status" />
    </form>
  );
}
