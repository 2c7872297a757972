/**
 * The emulator's one tax table: where the account is registered to collect
 * tax, and how each registration taxes the product tax codes the emulator
 * knows. It is small on purpose; README.md ("Stripe Tax") documents every row
 * and where each fact comes from. Outside these registrations the emulator
 * collects nothing (`not_collecting`), as Stripe does where an account has no
 * registration; Oregon is deliberately absent because Stripe offers no Oregon
 * registration (docs.stripe.com/tax/supported-countries/united-states/oregon).
 */
import type { TaxType } from './tax-objects';

/** Stripe's product tax codes the emulator knows (docs.stripe.com/tax/tax-codes). */
export const TAX_CODES = {
  /** "Books": books or booklets bound in a stiffer cover than the pages. */
  books: 'txcd_35010000',
  /** "General - Tangible Goods": the standard rate wherever tax is imposed. */
  general: 'txcd_99999999',
  /** "Shipping". */
  shipping: 'txcd_92010001',
  /** "Nontaxable": Stripe collects nothing for it (`not_collecting`). */
  nontaxable: 'txcd_00000000',
} as const;

export type ProductClass = keyof typeof TAX_CODES;
type RatedClass = Exclude<ProductClass, 'nontaxable'>;

const CLASS_OF_CODE = new Map<string, ProductClass>(
  (Object.entries(TAX_CODES) as Array<[ProductClass, string]>).map(([name, code]) => [code, name]),
);

export function productClassOf(taxCode: string): ProductClass | undefined {
  return CLASS_OF_CODE.get(taxCode);
}

/**
 * What Stripe uses when a request names no tax code: the account's preset
 * product tax code and its preset shipping tax code ("Shipping" by default).
 * The emulator's account presets General - Tangible Goods for products.
 */
export const PRESET_TAX_CODE = TAX_CODES.general;
export const PRESET_SHIPPING_TAX_CODE = TAX_CODES.shipping;

export type Treatment = {
  /** As Stripe writes it in `percentage_decimal`. */
  percentage: string;
  reason: 'standard_rated' | 'reduced_rated' | 'zero_rated' | 'product_exempt';
};

export type Registration = {
  country: string;
  /** The subdivision for US and Canadian provincial registrations, else null. */
  state: string | null;
  /** `jurisdiction.display_name` and `.level` in a line item's detailed breakdown. */
  jurisdiction: string;
  level: 'country' | 'state';
  taxType: TaxType;
  /** `tax_rate_details.display_name` in a line item's detailed breakdown. */
  displayName: string;
  rates: Record<RatedClass, Treatment>;
};

const standard = (percentage: string): Treatment => ({ percentage, reason: 'standard_rated' });

const REGISTRATIONS: Registration[] = [
  {
    // A sample combined rate: New York City (4 % state + 4.5 % city + 0.375 % MCTD).
    // New York taxes printed books and the delivery of taxable goods.
    country: 'US',
    state: 'NY',
    jurisdiction: 'New York',
    level: 'state',
    taxType: 'sales_tax',
    displayName: 'Sales and Use Tax',
    rates: { books: standard('8.875'), general: standard('8.875'), shipping: standard('8.875') },
  },
  {
    // A sample combined rate: the 9.875 % of Stripe's own example calculation
    // (South San Francisco), where separately stated shipping is `product_exempt`.
    country: 'US',
    state: 'CA',
    jurisdiction: 'California',
    level: 'state',
    taxType: 'sales_tax',
    displayName: 'Sales and Use Tax',
    rates: {
      books: standard('9.875'),
      general: standard('9.875'),
      shipping: { percentage: '0.0', reason: 'product_exempt' },
    },
  },
  {
    // A sample combined rate: 6.25 % state + 2 % local. Texas taxes delivery charges.
    country: 'US',
    state: 'TX',
    jurisdiction: 'Texas',
    level: 'state',
    taxType: 'sales_tax',
    displayName: 'Sales and Use Tax',
    rates: { books: standard('8.25'), general: standard('8.25'), shipping: standard('8.25') },
  },
  {
    // Printed books are zero-rated for UK VAT.
    country: 'GB',
    state: null,
    jurisdiction: 'United Kingdom',
    level: 'country',
    taxType: 'vat',
    displayName: 'VAT',
    rates: {
      books: { percentage: '0.0', reason: 'zero_rated' },
      general: standard('20.0'),
      shipping: standard('20.0'),
    },
  },
  {
    // Books at the reduced rate of 7 %, everything else at 19 %.
    country: 'DE',
    state: null,
    jurisdiction: 'Germany',
    level: 'country',
    taxType: 'vat',
    displayName: 'Umsatzsteuer (USt.)',
    rates: {
      books: { percentage: '7.0', reason: 'reduced_rated' },
      general: standard('19.0'),
      shipping: standard('19.0'),
    },
  },
  {
    // Books at the reduced rate of 5.5 %, everything else at 20 %.
    country: 'FR',
    state: null,
    jurisdiction: 'France',
    level: 'country',
    taxType: 'vat',
    displayName: 'Taxe sur la valeur ajoutée (TVA)',
    rates: {
      books: { percentage: '5.5', reason: 'reduced_rated' },
      general: standard('20.0'),
      shipping: standard('20.0'),
    },
  },
  {
    // Alberta has no provincial sales tax: GST only.
    country: 'CA',
    state: 'AB',
    jurisdiction: 'Canada',
    level: 'country',
    taxType: 'gst',
    displayName: 'GST',
    rates: { books: standard('5.0'), general: standard('5.0'), shipping: standard('5.0') },
  },
  {
    // HST 13 %; printed books get the provincial 8 % back at the point of sale.
    country: 'CA',
    state: 'ON',
    jurisdiction: 'Ontario',
    level: 'state',
    taxType: 'hst',
    displayName: 'HST',
    rates: {
      books: { percentage: '5.0', reason: 'reduced_rated' },
      general: standard('13.0'),
      shipping: standard('13.0'),
    },
  },
];

/** Countries whose registrations are per state or province. */
const SUBDIVIDED = new Set(['US', 'CA']);

export function registrationFor(country: string, state: string | null): Registration | undefined {
  const subdivision = SUBDIVIDED.has(country) ? state : null;
  return REGISTRATIONS.find((r) => r.country === country && r.state === subdivision);
}

export function treatmentFor(registration: Registration, taxCode: string): Treatment | null {
  const productClass = productClassOf(taxCode);
  if (!productClass || productClass === 'nontaxable') return null;
  return registration.rates[productClass];
}

const EU = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

/** The tax a place levies, for what Stripe shows where the account does not collect. */
export function taxTypeOf(country: string): TaxType | null {
  if (country === 'US') return 'sales_tax';
  if (country === 'CA') return 'gst';
  if (country === 'GB' || EU.has(country)) return 'vat';
  return null;
}

const PLACE_NAMES: Record<string, string> = {
  US: 'United States',
  CA: 'Canada',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  'US-NY': 'New York',
  'US-CA': 'California',
  'US-TX': 'Texas',
  'US-OR': 'Oregon',
  'CA-AB': 'Alberta',
  'CA-ON': 'Ontario',
};

/** A jurisdiction's human name where the table has none: the place's name, or its code. */
export function placeName(country: string, state: string | null): string {
  if (state) return PLACE_NAMES[`${country}-${state}`] ?? state;
  return PLACE_NAMES[country] ?? country;
}
