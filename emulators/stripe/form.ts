/**
 * Request parameters as Stripe reads them: `a[b][c]=v` and `list[0]=x` /
 * `list[]=x` nest, every value is a string (types are checked per
 * parameter). JSON bodies are accepted too.
 */
import { invalidParam } from './errors';

export type Params = { [key: string]: ParamValue };
export type ParamValue = string | ParamValue[] | Params;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 10;

function pathOf(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw invalidParam(`Invalid parameter name: ${key}`, key);
  const segments = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
  if (segments.length > MAX_DEPTH) throw invalidParam(`Parameter ${key} is nested too deeply`, key);
  if (segments.some((s) => FORBIDDEN.has(s)))
    throw invalidParam(`Invalid parameter name: ${key}`, key);
  return segments;
}

/** Objects whose keys are all 0..n-1 (from `x[0]` or `x[]`) become arrays. */
function arraysFromIndexes(value: ParamValue): ParamValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: Params = {};
  for (const key of keys) converted[key] = arraysFromIndexes(value[key]!);
  if (keys.length > 0 && keys.every((k, i) => k === String(i)))
    return keys.map((k) => converted[k]!);
  return converted;
}

export function parseForm(body: string): Params {
  const root: Params = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        throw invalidParam('The request body is not valid form encoding');
      }
    };
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    const segments = pathOf(key);
    let node: Params = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (last) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[name] = {};
      node = node[name] as Params;
    });
  }
  return arraysFromIndexes(root) as Params;
}

/** JSON bodies: numbers and booleans become strings, as if form-encoded. */
export function fromJson(value: unknown, where = 'body'): ParamValue {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v, i) => fromJson(v, `${where}[${i}]`));
  if (typeof value === 'object') {
    const out: Params = {};
    for (const [key, v] of Object.entries(value)) {
      if (FORBIDDEN.has(key)) throw invalidParam(`Invalid parameter name: ${key}`, key);
      out[key] = fromJson(v, key);
    }
    return out;
  }
  throw invalidParam(`Invalid value in ${where}`);
}

/** Parameters in a stable form, for comparing an idempotent retry with the original. */
export function canonical(value: ParamValue | undefined): string {
  if (value === undefined || typeof value === 'string') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(',')}}`;
}
