/** What `POST /api/checkout/payment-intent` sends (lib/checkout/payment-intent-api.ts). */
import { z } from 'zod';
import type {
  CheckoutSessionJson,
  CheckoutSessionStatusJson,
} from '../../checkout/checkout-session-api';
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

export const checkoutSessionSchema = z
  .object({
    url: z.string().meta({ description: "Stripe's hosted page: send the shopper there." }),
    session_id: z.string().meta({ examples: ['cs_test_a1b2c3'] }),
  })
  .meta({ id: 'CheckoutSession' });

sameType<CheckoutSessionJson, z.output<typeof checkoutSessionSchema>>();

export const checkoutSessionStatusSchema = z
  .object({
    status: z.string().meta({ description: "Stripe's: open, complete or expired." }),
    payment_status: z
      .string()
      .meta({ description: "Stripe's: paid, unpaid or no_payment_required." }),
    amount_total: amount().nullable(),
    currency: currency().nullable(),
    customer_email: z.string().nullable(),
    order_id: z.string().nullable(),
  })
  .meta({ id: 'CheckoutSessionStatus' });

sameType<CheckoutSessionStatusJson, z.output<typeof checkoutSessionStatusSchema>>();
