/** What a back-office form shows after its action ran; shared by server and client. */
export type AdminFormState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  /** The field the message is about, for aria-describedby. */
  field: string | null;
  at: number;
  /**
   * What was typed, after a refusal: React resets a form once its action
   * returns, and the fields' default values bring it back.
   */
  values?: Record<string, string>;
};

export const IDLE_ADMIN_FORM_STATE: AdminFormState = {
  status: 'idle',
  message: '',
  field: null,
  at: 0,
};

export function adminFormState(
  status: 'success' | 'error',
  message: string,
  field: string | null = null,
): AdminFormState {
  return { status, message, field, at: Date.now() };
}

/** A refusal keeps what the operator typed (never a file, never React's own fields). */
export function keepValues(state: AdminFormState, form: FormData): AdminFormState {
  if (state.status !== 'error') return state;
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && !name.startsWith('$')) values[name] = value;
  }
  return { ...state, values };
}
