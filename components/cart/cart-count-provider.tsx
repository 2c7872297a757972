'use client';

import { createContext, use, useCallback, useEffect, useState, type ReactNode } from 'react';

type CartCount = { count: number | null; setCount: (count: number) => void };

const CartCountContext = createContext<CartCount>({ count: null, setCount: () => {} });

export function useCartCount(): CartCount {
  return use(CartCountContext);
}

async function fetchItemCount(): Promise<number | null> {
  try {
    const response = await fetch('/api/cart', { cache: 'no-store' });
    if (!response.ok) return null;
    const body = (await response.json()) as { cart?: { itemCount?: unknown } };
    return typeof body.cart?.itemCount === 'number' ? body.cart.itemCount : null;
  } catch {
    return null;
  }
}

/**
 * Holds the header's item count. Pages are prerendered for everyone, so the
 * count of this visitor's cart is read once the page is in the browser, and
 * again when it comes back from the back/forward cache; cart actions then
 * report the new count themselves.
 */
export function CartCountProvider({ children }: { children: ReactNode }) {
  const [count, setCountState] = useState<number | null>(null);
  const setCount = useCallback((next: number) => setCountState(next), []);

  useEffect(() => {
    let current = true;
    const refresh = () => {
      void fetchItemCount().then((next) => {
        if (current && next !== null) setCountState(next);
      });
    };
    refresh();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) refresh();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => {
      current = false;
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);

  return <CartCountContext value={{ count, setCount }}>{children}</CartCountContext>;
}
