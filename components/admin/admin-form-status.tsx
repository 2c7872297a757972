import type { AdminFormState } from '@/lib/admin/admin-form-state';

/** A polite live region: screen readers announce each new message once. */
export function AdminFormStatus({ state, id }: { state: AdminFormState; id: string }) {
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={`form-status form-status--${state.status}`}
    >
      {state.message}
    </p>
  );
}
