/**
 * What to tell a shopper whose payment did not go through, by Stripe's
 * decline or error code. Only these fixed texts are shown: a code in a URL
 * can never put words of someone else's choosing on the page.
 */
const MESSAGES: Record<string, string> = {
  generic_decline: 'Your card was declined. Please try another card.',
  card_declined: 'Your card was declined. Please try another card.',
  insufficient_funds: 'Your card has insufficient funds. Please try another card.',
  expired_card: 'Your card has expired. Please try another card.',
  incorrect_cvc: "Your card's security code is incorrect. Please check it and try again.",
  processing_error: 'An error occurred while processing your card. Please try again.',
  payment_intent_authentication_failure:
    'We could not authenticate your payment. Please try again or use another card.',
  authentication_required: 'Your bank asks you to authenticate this payment. Please try again.',
  // Why "Pay on a secure Stripe page" kept the shopper here.
  hosted_country: 'We do not ship to that country. Choose another one; nothing was charged.',
  hosted_paying:
    'Your payment on this page is still going through, so it cannot be paid another way. Nothing more was charged.',
  hosted_rate_limited:
    'Too many checkout attempts. Please wait a few minutes; nothing was charged.',
  hosted_unavailable:
    'Stripe’s payment page is not available right now, and nothing was charged. Please try again in a moment.',
};

export function paymentMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? 'Your payment did not go through. Please try again or use another card.';
}
