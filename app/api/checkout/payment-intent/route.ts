import { createPaymentIntentForRequest } from '@/lib/checkout/payment-intent-api';

/** See lib/checkout/payment-intent-api.ts. */
export function POST(request: Request) {
  return createPaymentIntentForRequest(request);
}
