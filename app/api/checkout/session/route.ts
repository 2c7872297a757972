import { createCheckoutSessionForRequest } from '@/lib/checkout/checkout-session-api';

/** See lib/checkout/checkout-session-api.ts. */
export function POST(request: Request) {
  return createCheckoutSessionForRequest(request);
}
