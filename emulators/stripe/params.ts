/** Reading typed parameters from a request, with Stripe's error messages. */
import { invalidParam, missingParam } from './errors';
import type { Params, ParamValue } from './form';
import {
  emptyAddress,
  type Address,
  type BillingDetails,
  type Metadata,
  type Shipping,
} from './objects';

export function allowOnly(params: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalidParam(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
    }
  }
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(`Invalid string: ${name}`, name);
  return value;
}

export function requiredStr(params: Params, name: string): string {
  const value = str(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function int(params: Params, name: string): number | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidParam(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  }
  return Number(value);
}

export function bool(params: Params, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw invalidParam(`Invalid boolean: ${value}`, name, 'parameter_invalid_boolean');
  }
  return value === 'true';
}

export function oneOf<T extends string>(
  params: Params,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) {
    throw invalidParam(`Invalid ${name}: must be one of ${values.join(', ')}`, name);
  }
  return value as T;
}

export function obj(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidParam(`Invalid hash: ${name}`, name);
  return value;
}

export function list(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v: ParamValue) => typeof v !== 'string')) {
    throw invalidParam(`Invalid array: ${name}`, name);
  }
  return value as string[];
}

/**
 * Applies `metadata` as Stripe does: keys merge into what is there, an empty
 * value unsets a key, and `metadata=` unsets them all.
 */
export function mergeMetadata(current: Metadata, params: Params): Metadata {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidParam('Invalid hash: metadata', 'metadata');
  const next = { ...current };
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw invalidParam(`Invalid metadata value for ${key}`, `metadata[${key}]`);
    if (key.length > 40)
      throw invalidParam(`Metadata keys can have up to 40 characters: ${key}`, `metadata[${key}]`);
    if (v.length > 500)
      throw invalidParam(
        `Metadata values can have up to 500 characters: ${key}`,
        `metadata[${key}]`,
      );
    if (v === '') delete next[key];
    else next[key] = v;
  }
  if (Object.keys(next).length > 50)
    throw invalidParam('Metadata can have up to 50 keys', 'metadata');
  return next;
}

/** An address hash; `prefix` names it in errors (`shipping`, `customer_details`, …). */
export function addressParam(params: Params | undefined, prefix: string): Address {
  if (!params) return emptyAddress();
  allowOnly(params, ['city', 'country', 'line1', 'line2', 'postal_code', 'state']);
  const out = emptyAddress();
  for (const key of Object.keys(out) as Array<keyof Address>) {
    const value = str(params, key);
    if (value !== undefined) out[key] = value || null;
  }
  if (out.country && !/^[A-Z]{2}$/.test(out.country)) {
    throw invalidParam(
      `Country ${out.country} is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`,
      `${prefix}[address][country]`,
    );
  }
  return out;
}

export function shippingParam(params: Params): Shipping | null | undefined {
  if (params.shipping === '') return null;
  const value = obj(params, 'shipping');
  if (!value) return undefined;
  allowOnly(value, ['address', 'name', 'carrier', 'phone', 'tracking_number']);
  const name = str(value, 'name');
  if (!name) throw missingParam('shipping[name]');
  const addr = obj(value, 'address');
  if (!addr) throw missingParam('shipping[address]');
  const parsed = addressParam(addr, 'shipping');
  if (!parsed.line1) throw missingParam('shipping[address][line1]');
  return {
    address: parsed,
    carrier: str(value, 'carrier') ?? null,
    name,
    phone: str(value, 'phone') ?? null,
    tracking_number: str(value, 'tracking_number') ?? null,
  };
}

export function billingParam(params: Params | undefined): BillingDetails {
  const value = params ? obj(params, 'billing_details') : undefined;
  if (value) allowOnly(value, ['address', 'email', 'name', 'phone', 'tax_id']);
  return {
    address: addressParam(value ? obj(value, 'address') : undefined, 'billing_details'),
    email: (value && str(value, 'email')) || null,
    name: (value && str(value, 'name')) || null,
    phone: (value && str(value, 'phone')) || null,
    tax_id: (value && str(value, 'tax_id')) || null,
  };
}
