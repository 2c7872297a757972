/**
 * Where a customer is for tax, from the address a calculation gives. Stripe
 * needs at least a postal code in the US, a postal code or province in
 * Canada and only the country elsewhere; an address it cannot place is
 * refused with `customer_tax_location_invalid`
 * (docs.stripe.com/tax/custom, "Handle customer location errors"). Stripe
 * looks US addresses up to the rooftop; the emulator only knows the ZIP
 * ranges of the states in its tax table, enough to place a customer there
 * and to notice a ZIP that contradicts the state.
 */
import { StripeApiError } from './errors';
import type { Address } from './objects';

export type TaxLocation = { country: string; state: string | null };

/** First three ZIP digits of the states the tax table names (USPS ranges). */
const ZIP3_RANGES: Record<string, Array<[number, number]>> = {
  NY: [[100, 149]],
  CA: [[900, 961]],
  TX: [
    [750, 799],
    [885, 885],
  ],
  OR: [[970, 979]],
};

/** First letter of a Canadian postal code for the provinces the table names. */
const POSTAL_LETTER_PROVINCE: Record<string, string> = {
  T: 'AB',
  K: 'ON',
  L: 'ON',
  M: 'ON',
  N: 'ON',
  P: 'ON',
};

export function locationInvalid(): StripeApiError {
  return new StripeApiError(
    400,
    'invalid_request_error',
    "We could not determine the customer's tax location based on the provided customer address.",
    {
      code: 'customer_tax_location_invalid',
      param: 'customer_details[address]',
      doc_url: 'https://docs.stripe.com/error-codes#customer-tax-location-invalid',
    },
  );
}

function stateOfZip(zip: string): string | null {
  const prefix = Number(zip.slice(0, 3));
  for (const [state, ranges] of Object.entries(ZIP3_RANGES)) {
    if (ranges.some(([low, high]) => prefix >= low && prefix <= high)) return state;
  }
  return null;
}

function usLocation(address: Address): TaxLocation {
  const zip = address.postal_code?.trim() ?? '';
  if (!/^\d{5}(-\d{4})?$/.test(zip)) throw locationInvalid();
  const given = address.state?.trim().toUpperCase() || null;
  const fromZip = stateOfZip(zip);
  // A ZIP the emulator can place must agree with the state given, both ways.
  if (given && fromZip && given !== fromZip) throw locationInvalid();
  if (given && !fromZip && ZIP3_RANGES[given]) throw locationInvalid();
  return { country: 'US', state: fromZip ?? given };
}

function canadaLocation(address: Address): TaxLocation {
  const postal = address.postal_code?.trim().toUpperCase() ?? '';
  const given = address.state?.trim().toUpperCase() || null;
  if (!postal && !given) throw locationInvalid();
  if (postal && !/^[A-Z]\d[A-Z] ?\d[A-Z]\d$/.test(postal)) throw locationInvalid();
  const fromPostal = postal ? (POSTAL_LETTER_PROVINCE[postal[0]!] ?? null) : null;
  if (given && fromPostal && given !== fromPostal) throw locationInvalid();
  return { country: 'CA', state: fromPostal ?? given };
}

export function resolveLocation(address: Address): TaxLocation {
  const country = address.country ?? '';
  if (!/^[A-Z]{2}$/.test(country)) throw locationInvalid();
  if (country === 'US') return usLocation(address);
  if (country === 'CA') return canadaLocation(address);
  return { country, state: address.state || null };
}
