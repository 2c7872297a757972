'use client';

import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';

const loaded = new Map<string, Promise<Stripe | null>>();

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(script);
  });
}

/**
 * Stripe.js, loaded once per key. With the local emulator its stand-in script
 * defines window.Stripe first, so loadStripe uses it instead of js.stripe.com.
 */
export function loadStripeOnce(
  publishableKey: string,
  standInScript: string | null,
): Promise<Stripe | null> {
  const key = `${publishableKey} ${standInScript ?? ''}`;
  let promise = loaded.get(key);
  if (!promise) {
    promise = (standInScript ? loadScript(standInScript) : Promise.resolve()).then(() =>
      loadStripe(publishableKey),
    );
    // A failed load may be retried later (a blocker turned off, the network back).
    promise.catch(() => loaded.delete(key));
    loaded.set(key, promise);
  }
  return promise;
}
