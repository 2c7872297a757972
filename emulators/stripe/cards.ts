/** Stripe's test cards and `pm_card_*` aliases, and what a confirm with each does. */
export type CardOutcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'authentication_required' };

export type TestCard = { number: string; brand: string; funding: string; outcome: CardOutcome };

const decline = (code: string, declineCode: string, message: string): CardOutcome => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});

const CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa', funding: 'credit', outcome: { kind: 'success' } },
  {
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    outcome: { kind: 'success' },
  },
  {
    number: '4000000000000002',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'generic_decline', 'Your card was declined.'),
  },
  {
    number: '4000000000009995',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  {
    number: '4000000000009987',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'lost_card', 'Your card was declined.'),
  },
  {
    number: '4000000000009979',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'stolen_card', 'Your card was declined.'),
  },
  {
    number: '4000000000000069',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('expired_card', 'expired_card', 'Your card has expired.'),
  },
  {
    number: '4000000000000127',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  {
    number: '4000000000000119',
    brand: 'visa',
    funding: 'credit',
    outcome: decline(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  },
  {
    number: '4000002500003155',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'authentication_required' },
  },
  {
    number: '4000002760003184',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'authentication_required' },
  },
  {
    number: '4000000000003220',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'authentication_required' },
  },
];

const BY_NUMBER = new Map(CARDS.map((card) => [card.number, card]));

export const PAYMENT_METHOD_ALIASES: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_threeDSecure2Required: '4000000000003220',
};

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

function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'unknown';
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
