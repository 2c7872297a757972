/**
 * Reading the parameters of the Tax API, whose values sit in nested hashes
 * and lists (`line_items[0][amount]`): each error names the parameter by its
 * full path, as Stripe's do.
 */
import { invalidParam, missingParam } from './errors';
import type { Params, ParamValue } from './form';
import type { Metadata } from './objects';
import { list, mergeMetadata } from './params';

export function allowOnlyAt(params: Params, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalidParam(
        `Received unknown parameter: ${path}[${key}]`,
        `${path}[${key}]`,
        'parameter_unknown',
      );
    }
  }
}

export function strAt(params: Params, key: string, path: string): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(`Invalid string: ${path}`, path);
  return value;
}

export function intAt(params: Params, key: string, path: string): number | undefined {
  const value = strAt(params, key, path);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidParam(`Invalid integer: ${value}`, path, 'parameter_invalid_integer');
  }
  return Number(value);
}

export function requiredIntAt(params: Params, key: string, path: string): number {
  const value = intAt(params, key, path);
  if (value === undefined) throw missingParam(path);
  return value;
}

export function enumAt<T extends string>(
  params: Params,
  key: string,
  path: string,
  values: readonly T[],
): T | undefined {
  const value = strAt(params, key, path);
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) {
    throw invalidParam(`Invalid ${path}: must be one of ${values.join(', ')}`, path);
  }
  return value as T;
}

export function hashAt(params: Params, key: string, path: string): Params | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidParam(`Invalid hash: ${path}`, path);
  return value;
}

/** A list of hashes (`line_items[0][…]`, `line_items[1][…]`). */
export function hashListAt(params: Params, key: string): Params[] | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.some((v: ParamValue) => typeof v !== 'object' || Array.isArray(v))
  ) {
    throw invalidParam(`Invalid array: ${key}`, key);
  }
  return value as Params[];
}

/** `metadata` of a nested hash, or undefined when it has none. */
export function metadataAt(params: Params): Metadata | undefined {
  return params.metadata === undefined ? undefined : mergeMetadata({}, params);
}

/** The paths asked for with `expand[]`, refused unless the endpoint can expand them. */
export function expandParam(params: Params, allowed: readonly string[]): string[] {
  const paths = list(params, 'expand') ?? [];
  for (const path of paths) {
    if (!allowed.includes(path)) {
      throw invalidParam(`This property cannot be expanded (${path}).`, 'expand');
    }
  }
  return paths;
}
