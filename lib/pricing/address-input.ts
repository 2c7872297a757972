/**
 * The shipping address a JSON caller sends to be quoted for: the fields tax
 * and shipping depend on, in Stripe's names.
 */
import { z } from 'zod';
import type { Destination } from './quote';

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .trim()
    .max(max, `${name} is too long`)
    .optional();

export const addressSchema = z
  .object({
    country: z
      .string({ error: 'address.country is required' })
      .regex(/^[A-Za-z]{2}$/, 'address.country must be a two-letter country code, e.g. US')
      .transform((value) => value.toUpperCase()),
    state: text('address.state', 60),
    postal_code: text('address.postal_code', 20),
    city: text('address.city', 100),
    line1: text('address.line1', 200),
  })
  .strict();

export const shippingRateSchema = z.enum(['standard', 'express'], {
  error: 'shipping_rate must be standard or express',
});

export function toDestination(address: z.infer<typeof addressSchema>): Destination {
  return {
    country: address.country,
    state: address.state || null,
    postalCode: address.postal_code || null,
    city: address.city || null,
    line1: address.line1 || null,
  };
}
