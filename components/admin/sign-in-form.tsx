'use client';

import { useActionState } from 'react';
import { requestSignIn } from '@/app/admin/actions';
import { IDLE_ADMIN_FORM_STATE } from '@/lib/admin/admin-form-state';
import { AdminFormStatus } from './admin-form-status';

export function SignInForm() {
  const [state, action, pending] = useActionState(requestSignIn, IDLE_ADMIN_FORM_STATE);
  const invalid = state.field === 'email';
  return (
    <form action={action} className="admin-form">
      <label htmlFor="sign-in-email">Email address</label>
      <input
        id="sign-in-email"
        name="email"
        defaultValue={state.values?.email}
        type="email"
        autoComplete="email"
        required
        aria-invalid={invalid || undefined}
        aria-describedby="sign-in-status"
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Email me a sign-in link'}
      </button>
      <AdminFormStatus state={state} id="sign-in-status" />
    </form>
  );
}
