import 'server-only';
import type { Redis } from '@upstash/redis';
import type Stripe from 'stripe';
import { getEnv } from '../env';
import { getStore } from '../store/store-client';
import { getStripe } from '../stripe/stripe-server';

/** What checkout talks to; tests pass their own. */
export type CheckoutDeps = { store: Redis; stripe: Stripe; secret: string };

export function checkoutDeps(): CheckoutDeps {
  return { store: getStore(), stripe: getStripe(), secret: getEnv().sessionPassword };
}
