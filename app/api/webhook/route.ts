import { getEnv } from '@/lib/env';
import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { handleWebhook } from '@/lib/checkout/webhook';

export async function POST(request: Request) {
  // The signature covers the exact bytes sent: read the raw body, never parsed JSON.
  const body = await request.text();
  const result = await handleWebhook(
    checkoutDeps(),
    getEnv().stripe.webhookSecret,
    body,
    request.headers.get('stripe-signature'),
  );
  return Response.json(result.body, { status: result.status });
}
