/**
 * Numbers as Redis reads and writes them: 64-bit integers with no sign, no
 * leading zeros and no spaces, doubles that may be `inf`, scores printed
 * without a trailing `.0`.
 */
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/** The integer Redis would read from `text`, or null where Redis says "not an integer". */
export function parseInt64(text: string | undefined): bigint | null {
  if (text === undefined || !/^(0|-?[1-9]\d*)$/.test(text)) return null;
  const value = BigInt(text);
  return value > INT64_MAX || value < INT64_MIN ? null : value;
}

/** The double Redis would read (`inf`, `-inf`, `1e3`, `.5`), or null; NaN is refused as Redis does. */
export function parseDouble(text: string | undefined): number | null {
  if (text === undefined) return null;
  const lower = text.toLowerCase();
  if (['inf', '+inf', 'infinity', '+infinity'].includes(lower)) return Infinity;
  if (['-inf', '-infinity'].includes(lower)) return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

/** A score as Redis prints it; JavaScript's shortest form, where Redis 7.0 prints 17 digits. */
export function formatDouble(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** A score-range bound: `1.5`, `(1.5` (exclusive), `-inf`, `+inf`. */
export type ScoreBound = { value: number; exclusive: boolean };

export function parseScoreBound(text: string | undefined): ScoreBound | null {
  if (text === undefined) return null;
  const exclusive = text.startsWith('(');
  const value = parseDouble(exclusive ? text.slice(1) : text);
  return value === null ? null : { value, exclusive };
}
