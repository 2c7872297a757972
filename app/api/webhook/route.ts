import { checkoutDeps } from '@/lib/checkout/checkout-deps';
import { handleWebhook, MAX_WEBHOOK_BODY_BYTES } from '@/lib/checkout/webhook';
import { getEnv } from '@/lib/env';
import { readLimitedText } from '@/lib/http/read-limited-body';
import { requestLogger } from '@/lib/log/logger';

export async function POST(request: Request) {
  // The signature covers the exact bytes sent: read the raw body, never parsed JSON.
  const body = await readLimitedText(request, MAX_WEBHOOK_BODY_BYTES);
  if (body === null) {
    return Response.json(
      { error: `The body must be at most ${MAX_WEBHOOK_BODY_BYTES} bytes.` },
      { status: 413 },
    );
  }
  const result = await handleWebhook(
    checkoutDeps(requestLogger(request.headers)),
    getEnv().stripe.webhookSecret,
    body,
    request.headers.get('stripe-signature'),
  );
  return Response.json(result.body, { status: result.status });
}
