'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMoney } from '@/lib/money';

type CheckoutTotalState = {
  /** What the PaymentIntent charges now, in minor units. */
  total: number;
  setTotal: (total: number) => void;
};

const CheckoutTotalContext = createContext<CheckoutTotalState | null>(null);

/**
 * The checkout's one total, shared by the payment form (which requotes it as
 * the address changes) and the order summary shown above the form.
 */
export function CheckoutTotalProvider({
  initialTotal,
  children,
}: {
  initialTotal: number;
  children: ReactNode;
}) {
  const [total, setTotal] = useState(initialTotal);
  const value = useMemo(() => ({ total, setTotal }), [total]);
  return <CheckoutTotalContext value={value}>{children}</CheckoutTotalContext>;
}

export function useCheckoutTotal(): CheckoutTotalState {
  const state = useContext(CheckoutTotalContext);
  if (!state) throw new Error('useCheckoutTotal needs a CheckoutTotalProvider');
  return state;
}

/**
 * The total as text. Not a live region of its own: the form's totals line
 * already announces each new total, and a second region would read it twice.
 */
export function CheckoutTotal({ currency }: { currency: string }) {
  const { total } = useCheckoutTotal();
  return <>{formatMoney({ amount: total, currency })}</>;
}
