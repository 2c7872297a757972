/**
 * The price of a cart, in one pure step: lines from the trusted catalog,
 * then the discount, then shipping for the destination and rate, then the
 * tax Stripe Tax reported for exactly those amounts, then the total. Every
 * page, mail and API that shows a breakdown shows one of these.
 */
import type { PricedCart } from '../cart/cart-pricing';
import { allocateDiscount, discountAmount, type DiscountRule } from './discount';
import { ratesFor, zoneFor, type ShippingRate, type ShippingRateId } from './shipping-rates';

export type Destination = {
  country: string;
  state?: string | null;
  postalCode?: string | null;
  city?: string | null;
  line1?: string | null;
};

export type TaxBreakdownEntry = {
  /** e.g. "New York", "Germany". */
  jurisdiction: string;
  /** e.g. "8.875", as Stripe reports a percentage. */
  percentage: string;
  amount: number;
  /** Stripe's taxability reason, e.g. "standard_rated", "zero_rated", "not_collecting". */
  reason: string;
};

/** What Stripe Tax reported for a quote's taxable amounts (see `taxableAmounts`). */
export type TaxResult = {
  /** Tax on each line, in the quote's line order. */
  lines: number[];
  shipping: number;
  breakdown: TaxBreakdownEntry[];
  /** Stripe's calculation id, linked to the PaymentIntent and recorded when paid. */
  calculationId: string | null;
};

export type QuoteLine = {
  bookId: string;
  title: string;
  quantity: number;
  unitAmount: number;
  lineTotal: number;
  /** This line's share of the discount. */
  discount: number;
  tax: number | null;
};

export type Quote = {
  currency: string;
  lines: QuoteLine[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  shipping: (ShippingRate & { rate: ShippingRateId }) | null;
  shippingRates: ShippingRate[];
  /** null until Stripe Tax has calculated it for a destination. */
  tax: { amount: number; breakdown: TaxBreakdownEntry[]; calculationId: string | null } | null;
  total: number;
};

export type QuoteInput = {
  cart: PricedCart;
  destination: Destination | null;
  shippingRate?: ShippingRateId | null;
  discount?: DiscountRule | null;
  tax?: TaxResult | null;
};

export type QuoteError = {
  message: string;
  field: 'address.country' | 'shipping_rate' | 'tax';
};

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; error: QuoteError };

export function buildQuote({
  cart,
  destination,
  shippingRate,
  discount,
  tax,
}: QuoteInput): QuoteResult {
  const subtotal = cart.subtotal;
  const off = discount ? discountAmount(discount, subtotal) : 0;
  const shares = allocateDiscount(
    cart.lines.map((line) => line.lineTotal),
    off,
  );
  const goods = subtotal - off;

  let shipping: Quote['shipping'] = null;
  let shippingRates: ShippingRate[] = [];
  if (destination) {
    const zone = zoneFor(destination.country);
    if (!zone) {
      return {
        ok: false,
        error: { message: `We do not ship to ${destination.country}.`, field: 'address.country' },
      };
    }
    shippingRates = ratesFor(zone, goods);
    const chosen = shippingRates.find((rate) => rate.id === (shippingRate ?? 'standard'));
    if (!chosen) {
      return {
        ok: false,
        error: { message: 'shipping_rate must be standard or express.', field: 'shipping_rate' },
      };
    }
    shipping = { ...chosen, rate: chosen.id };
  }
  if (cart.lines.length === 0) shipping = shipping ? { ...shipping, amount: 0 } : null;

  if (tax && tax.lines.length !== cart.lines.length) {
    return {
      ok: false,
      error: { message: 'The tax calculation does not match the cart.', field: 'tax' },
    };
  }
  const lines: QuoteLine[] = cart.lines.map((line, i) => ({
    bookId: line.book.id,
    title: line.book.title,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    lineTotal: line.lineTotal,
    discount: shares[i]!,
    tax: tax ? tax.lines[i]! : null,
  }));
  const taxAmount = tax ? tax.lines.reduce((sum, amount) => sum + amount, 0) + tax.shipping : 0;
  return {
    ok: true,
    quote: {
      currency: cart.currency,
      lines,
      subtotal,
      discount: discount && off > 0 ? { code: discount.code, amount: off } : null,
      shipping,
      shippingRates,
      tax: tax
        ? { amount: taxAmount, breakdown: tax.breakdown, calculationId: tax.calculationId }
        : null,
      total: goods + (shipping?.amount ?? 0) + taxAmount,
    },
  };
}

/** The amounts Stripe Tax is asked about: each line after its discount share, and shipping. */
export function taxableAmounts(quote: Quote): { lines: number[]; shipping: number } {
  return {
    lines: quote.lines.map((line) => line.lineTotal - line.discount),
    shipping: quote.shipping?.amount ?? 0,
  };
}
