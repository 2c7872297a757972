/**
 * Stripe's test cards and their `pm_card_*` aliases, and what a confirm with
 * each does. Numbers, aliases and outcomes follow Stripe's "Testing" page
 * (docs.stripe.com/testing); the README lists them and what is left out.
 */
export type CardOutcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'authentication_required' };

export type CardBrand =
  'amex' | 'diners' | 'discover' | 'jcb' | 'mastercard' | 'unionpay' | 'unknown' | 'visa';

/**
 * What happens to a refund of a charge made with the card: the status it is
 * created with, and the status it moves to "some time later". Cards without
 * one refund at once, for good.
 */
export type AsyncRefund =
  | { initial: 'pending'; settlesTo: 'succeeded' }
  | { initial: 'succeeded'; settlesTo: 'failed'; failureReason: string };

export type TestCard = {
  number: string;
  brand: CardBrand;
  funding: 'credit' | 'debit' | 'prepaid';
  outcome: CardOutcome;
  /** Stripe's one card that cannot run 3D Secure at all says so on the payment method. */
  threeDSecureSupported?: false;
  asyncRefund?: AsyncRefund;
};

const SUCCESS: CardOutcome = { kind: 'success' };
const AUTHENTICATE: CardOutcome = { kind: 'authentication_required' };

const decline = (code: string, declineCode: string, message: string): CardOutcome => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});

const card = (
  number: string,
  brand: CardBrand,
  outcome: CardOutcome = SUCCESS,
  funding: TestCard['funding'] = 'credit',
): TestCard => ({ number, brand, funding, outcome });

const CARDS: TestCard[] = [
  // Cards by brand: every one succeeds.
  card('4242424242424242', 'visa'),
  card('4000056655665556', 'visa', SUCCESS, 'debit'),
  card('5555555555554444', 'mastercard'),
  card('2223003122003222', 'mastercard'),
  card('5200828282828210', 'mastercard', SUCCESS, 'debit'),
  card('5105105105105100', 'mastercard', SUCCESS, 'prepaid'),
  { ...card('378282246310005', 'amex'), threeDSecureSupported: false },
  card('371449635398431', 'amex'),
  card('6011111111111117', 'discover'),
  card('6011000990139424', 'discover'),
  card('6011981111111113', 'discover', SUCCESS, 'debit'),
  card('3056930009020004', 'diners'),
  card('36227206271667', 'diners'),
  card('3566002020360505', 'jcb'),
  card('6200000000000005', 'unionpay'),
  card('6200000000000047', 'unionpay', SUCCESS, 'debit'),
  card('6205500000000000004', 'unionpay'),
  // Succeeds; in Stripe the funds skip the pending balance, which the emulator does not keep.
  card('4000000000000077', 'visa'),
  // 3D Secure supported but not requested by Stripe's default Radar rules, so it just succeeds.
  card('4000000000003055', 'visa'),
  // Asynchronous refunds ("Simulate an asynchronous refund"): the charge succeeds; a refund
  // starts pending and later succeeds, or starts succeeded and later fails. Stripe's earlier
  // edition of the page named the failure's reason: expired_or_canceled_card.
  {
    ...card('4000000000007726', 'visa'),
    asyncRefund: { initial: 'pending', settlesTo: 'succeeded' },
  },
  {
    ...card('4000000000005126', 'visa'),
    asyncRefund: {
      initial: 'succeeded',
      settlesTo: 'failed',
      failureReason: 'expired_or_canceled_card',
    },
  },

  // Declined payments.
  card(
    '4000000000000002',
    'visa',
    decline('card_declined', 'generic_decline', 'Your card was declined.'),
  ),
  card(
    '4000000000009995',
    'visa',
    decline('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  ),
  card(
    '4000000000009987',
    'visa',
    decline('card_declined', 'lost_card', 'Your card was declined.'),
  ),
  card(
    '4000000000009979',
    'visa',
    decline('card_declined', 'stolen_card', 'Your card was declined.'),
  ),
  card(
    '4000000000000069',
    'visa',
    decline('expired_card', 'expired_card', 'Your card has expired.'),
  ),
  card(
    '4000000000000127',
    'visa',
    decline('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  ),
  card(
    '4000000000000119',
    'visa',
    decline(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  ),
  card(
    '4000000000006975',
    'visa',
    decline(
      'card_declined',
      'card_velocity_exceeded',
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    ),
  ),

  // 3D Secure: authentication on every on-session payment.
  card('4000002500003155', 'visa', AUTHENTICATE),
  card('4000002760003184', 'visa', AUTHENTICATE),
  card('4000000000003220', 'visa', AUTHENTICATE),
];

const BY_NUMBER = new Map(CARDS.map((entry) => [entry.number, entry]));

/**
 * Stripe's test PaymentMethods, each standing for one card above. Only aliases
 * whose whole documented behaviour the emulator reproduces are here.
 */
export const PAYMENT_METHOD_ALIASES: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_visa_debit: '4000056655665556',
  pm_card_mastercard: '5555555555554444',
  pm_card_mastercard_debit: '5200828282828210',
  pm_card_mastercard_prepaid: '5105105105105100',
  pm_card_amex: '378282246310005',
  pm_card_discover: '6011111111111117',
  pm_card_diners: '3056930009020004',
  pm_card_jcb: '3566002020360505',
  pm_card_unionpay: '6200000000000005',
  pm_card_bypassPending: '4000000000000077',
  pm_card_pendingRefund: '4000000000007726',
  pm_card_refundFail: '4000000000005126',

  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_visa_chargeDeclinedVelocityLimitExceeded: '4000000000006975',
  // Earlier editions of the testing page spelled these without `visa_`; Stripe still takes both.
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedStolenCard: '4000000000009979',

  pm_card_authenticationRequiredOnSetup: '4000002500003155',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_threeDSecureOptional: '4000000000003055',
  pm_card_amex_threeDSecureNotSupported: '378282246310005',
};

/** The number behind a `pm_card_*` alias, or undefined when Stripe has no such alias. */
export function aliasedCardNumber(id: string): string | undefined {
  return Object.hasOwn(PAYMENT_METHOD_ALIASES, id) ? PAYMENT_METHOD_ALIASES[id] : undefined;
}

export function passesLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): CardBrand {
  if (number.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|64[4-9]|65)/.test(number)) return 'discover';
  if (/^(30[0-5]|36|38)/.test(number)) return 'diners';
  if (/^35/.test(number)) return 'jcb';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

const DISPLAY_BRANDS: Record<CardBrand, string> = {
  amex: 'american_express',
  diners: 'diners_club',
  discover: 'discover',
  jcb: 'jcb',
  mastercard: 'mastercard',
  unionpay: 'union_pay',
  unknown: 'other',
  visa: 'visa',
};

/** `card.display_brand` spells some brands out (`american_express`), unlike `card.brand`. */
export function displayBrandOf(brand: CardBrand): string {
  return DISPLAY_BRANDS[brand];
}

/**
 * The card for a number. In test mode Stripe declines real card numbers, and
 * so does the emulator.
 */
export function testCard(number: string): TestCard {
  return (
    BY_NUMBER.get(number) ?? {
      number,
      brand: brandOf(number),
      funding: 'credit',
      outcome: decline(
        'card_declined',
        'test_mode_live_card',
        'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
      ),
    }
  );
}
