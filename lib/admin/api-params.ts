/**
 * The ids the operator API takes in its paths. A route answers 404 for an id
 * of the wrong form without asking the store or Stripe; the OpenAPI document
 * describes the same patterns.
 */
import { z } from 'zod';
import { REQUEST_ID_PATTERN } from '../refunds/refund-input';

export const ORDER_ID_PATTERN = /^ord_[A-Za-z0-9]{1,40}$/;
export const PAYMENT_INTENT_ID_PATTERN = /^pi_\w{1,100}$/;
/** Looser than a code's own pattern: a code is looked up as typed, upper-cased. */
export const DISCOUNT_CODE_PARAM_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const orderIdParam = z
  .string()
  .regex(ORDER_ID_PATTERN)
  .meta({ description: 'An order number.', examples: ['ord_7Hq2Lx9TfA3kPz0Wm5Rb1Ncd'] });

export const paymentIntentIdParam = z
  .string()
  .regex(PAYMENT_INTENT_ID_PATTERN)
  .meta({ description: "A Stripe PaymentIntent's id.", examples: ['pi_3PqR5sT6uV7wX8yZ'] });

export const discountCodeParam = z
  .string()
  .regex(DISCOUNT_CODE_PARAM_PATTERN)
  .meta({ description: 'A discount code, in any case.', examples: ['SPRING25'] });

export const refundRequestIdParam = z
  .string()
  .regex(REQUEST_ID_PATTERN)
  .meta({
    description: 'The request_id the refund request was submitted with.',
    examples: ['refund-2026-0001'],
  });
