/** What a back-office form shows after its action ran; shared by server and client. */
export type AdminFormState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  /** The field the message is about, for aria-describedby. */
  field: string | null;
  at: number;
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
