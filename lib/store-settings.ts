/**
 * The store's business rules, in one place. Amounts are integer minor units
 * of STORE_CURRENCY.
 */
export const STORE_CURRENCY = 'usd';
export const STORE_LOCALE = 'en-US';
export const STORE_NAME = 'Folio';

export const SHIPPING_FLAT_FEE = 499;
export const FREE_SHIPPING_FROM = 5000;

export const MAX_QUANTITY_PER_LINE = 99;
export const MAX_CART_LINES = 30;

/** The most copies of one book an operator may record (a typo guard, not a warehouse limit). */
export const MAX_STOCK = 1_000_000;
