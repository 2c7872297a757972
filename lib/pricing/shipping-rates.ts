/**
 * Where the store ships, and what it costs: one zone per region, each with
 * a Standard and an Express rate. Amounts are integer minor units of
 * STORE_CURRENCY; estimates are business days.
 */
import { FREE_SHIPPING_FROM } from '../store-settings';

export type ShippingRateId = 'standard' | 'express';
export type ZoneId = 'us' | 'ca' | 'gb' | 'eu' | 'world';

export type ShippingRate = {
  id: ShippingRateId;
  label: string;
  amount: number;
  /** Business days, e.g. { min: 3, max: 5 }. */
  deliveryEstimate: { min: number; max: number };
};

type Zone = { id: ZoneId; name: string; rates: Record<ShippingRateId, Omit<ShippingRate, 'id'>> };

const rates = (
  standard: [number, number, number],
  express: [number, number, number],
): Zone['rates'] => ({
  standard: {
    label: 'Standard',
    amount: standard[0],
    deliveryEstimate: { min: standard[1], max: standard[2] },
  },
  express: {
    label: 'Express',
    amount: express[0],
    deliveryEstimate: { min: express[1], max: express[2] },
  },
});

export const ZONES: Record<ZoneId, Zone> = {
  us: { id: 'us', name: 'United States', rates: rates([499, 3, 5], [1499, 1, 2]) },
  ca: { id: 'ca', name: 'Canada', rates: rates([999, 5, 10], [2499, 2, 4]) },
  gb: { id: 'gb', name: 'United Kingdom', rates: rates([1199, 5, 8], [2799, 2, 3]) },
  eu: { id: 'eu', name: 'European Union', rates: rates([1299, 5, 10], [2999, 2, 4]) },
  world: { id: 'world', name: 'Rest of the world', rates: rates([1999, 10, 20], [3999, 3, 6]) },
};

/** The 27 member states of the European Union. */
export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const; // prettier-ignore

/** Beyond the named zones, the countries the store ships to at rest-of-world rates. */
const WORLD_COUNTRIES = ['AU', 'NZ', 'JP', 'SG', 'CH', 'NO', 'IS', 'MX', 'BR', 'IN', 'ZA', 'KR'];

/** Every country the store ships to (the Address Element offers only these). */
export const SHIPPING_COUNTRIES: readonly string[] = [
  'US',
  'CA',
  'GB',
  ...EU_COUNTRIES,
  ...WORLD_COUNTRIES,
];

export function zoneFor(country: string): Zone | null {
  const code = country.toUpperCase();
  if (code === 'US') return ZONES.us;
  if (code === 'CA') return ZONES.ca;
  if (code === 'GB') return ZONES.gb;
  if ((EU_COUNTRIES as readonly string[]).includes(code)) return ZONES.eu;
  if (WORLD_COUNTRIES.includes(code)) return ZONES.world;
  return null;
}

/**
 * A zone's rates for an order worth `goods` (after any discount): Standard
 * is free in the United States from FREE_SHIPPING_FROM.
 */
/**
 * How every breakdown (order page, receipt, back office) names the shipping
 * row: "Shipping (Express)"; orders from before rates existed just "Shipping".
 */
export function shippingRowLabel(rate: string | null): string {
  const label = rate === 'standard' ? 'Standard' : rate === 'express' ? 'Express' : null;
  return label ? `Shipping (${label})` : 'Shipping';
}

export function ratesFor(zone: Zone, goods: number): ShippingRate[] {
  return (['standard', 'express'] as const).map((id) => {
    const rate = { id, ...zone.rates[id] };
    return zone.id === 'us' && id === 'standard' && goods >= FREE_SHIPPING_FROM
      ? { ...rate, amount: 0 }
      : rate;
  });
}
