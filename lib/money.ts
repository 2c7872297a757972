import { STORE_LOCALE } from './store-settings';

/** An amount in integer minor units (cents for USD, yen for JPY) with its currency. */
export type Money = { amount: number; currency: string };

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** How many minor units make one major unit: 100 for USD, 1 for JPY. */
export function minorUnitsPerMajor(currency: string): number {
  const digits = formatterFor(currency, 'en-US').resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

export function formatMoney({ amount, currency }: Money, locale: string = STORE_LOCALE): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amounts are integer minor units; got ${amount}`);
  }
  return formatterFor(currency, locale).format(amount / minorUnitsPerMajor(currency));
}

/**
 * An amount as a plain decimal in major units ("12.99"; "1500" for JPY), the
 * form machine-readable prices such as schema.org's take. Computed in integers
 * so no floating-point rounding can creep in.
 */
export function decimalAmount({ amount, currency }: Money): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amounts are integer minor units; got ${amount}`);
  }
  const perMajor = minorUnitsPerMajor(currency);
  const decimals = Math.round(Math.log10(perMajor));
  const sign = amount < 0 ? '-' : '';
  const magnitude = Math.abs(amount);
  const major = Math.floor(magnitude / perMajor);
  if (decimals === 0) return `${sign}${major}`;
  const minor = String(magnitude % perMajor).padStart(decimals, '0');
  return `${sign}${major}.${minor}`;
}

/**
 * An amount typed by a person in major units ("12.50", "12"), as integer
 * minor units; null when it is not a plain non-negative amount with at most
 * the currency's decimals.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const perMajor = minorUnitsPerMajor(currency);
  const decimals = Math.round(Math.log10(perMajor));
  const pattern =
    decimals > 0 ? new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${decimals}}))?$`) : /^(\d{1,9})()$/;
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(decimals, '0');
  return Number(match[1]) * perMajor + Number(fraction || '0');
}
