/** What `POST /api/checkout/payment-intent` sends (lib/checkout/payment-intent-api.ts). */
import { z } from 'zod';
import type { PaymentIntentJson } from '../../checkout/payment-intent-api';
import { sameType } from '../same-type';
import { amount, currency } from './common';

export const checkoutPaymentIntentSchema = z
  .object({
    client_secret: z.string().meta({ description: 'For Stripe.js to confirm the payment.' }),
    payment_intent_id: z.string(),
    amount: amount().meta({ description: 'What the intent charges now.' }),
    currency: currency(),
    order_id: z.string(),
  })
  .meta({ id: 'CheckoutPaymentIntent' });

sameType<PaymentIntentJson, z.output<typeof checkoutPaymentIntentSchema>>();
