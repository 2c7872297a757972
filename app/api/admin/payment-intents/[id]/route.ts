import Stripe from 'stripe';
import { PAYMENT_INTENT_ID_PATTERN } from '@/lib/admin/api-params';
import { operatorApi } from '@/lib/admin/api-route';
import { jsonError } from '@/lib/http/json-api';
import { getStripe } from '@/lib/stripe/stripe-server';

/** `GET /api/admin/payment-intents/{id}`: the intent as Stripe has it now, and its order. */
export const GET = operatorApi<{ id: string }>(async ({ params }) => {
  if (!PAYMENT_INTENT_ID_PATTERN.test(params.id))
    return jsonError(404, 'No PaymentIntent with that id.', 'id');
  let intent: Stripe.PaymentIntent;
  try {
    intent = await getStripe().paymentIntents.retrieve(params.id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) {
      return jsonError(404, 'No PaymentIntent with that id.', 'id');
    }
    throw error;
  }
  return Response.json({
    id: intent.id,
    amount: intent.amount,
    amount_received: intent.amount_received,
    currency: intent.currency,
    status: intent.status,
    order_id: intent.metadata.order_id ?? null,
  });
});
