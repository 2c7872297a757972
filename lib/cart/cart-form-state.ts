/** What a cart form shows after its action ran; shared by server and client. */
export type CartFormState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  /** Server time of the answer, so a form with several actions shows the latest. */
  at: number;
};

export const IDLE_CART_FORM_STATE: CartFormState = { status: 'idle', message: '', at: 0 };

export function toCartFormState(result: { ok: boolean; message: string }): CartFormState {
  return { status: result.ok ? 'success' : 'error', message: result.message, at: Date.now() };
}
