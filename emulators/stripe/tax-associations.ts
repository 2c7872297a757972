/**
 * A Tax Calculation linked to a PaymentIntent with
 * `hooks[inputs][tax][calculation]` (docs.stripe.com/tax/payment-intent and
 * its "simplified" integration; API 2025-11-17.clover and later). What Stripe
 * documents it then does by itself, the emulator does:
 * - once the intent succeeds, it records a tax transaction from the
 *   calculation, with the intent's id as the reference (the Tax Association's
 *   `unique_reference_violation` reads "A tax transaction with the provided
 *   reference (PaymentIntent id) already exists");
 * - each refund of the intent gets a reversal by flat amount, and a refund
 *   that later fails gets that reversal reversed;
 * - every attempt, committed or not, is kept on the intent's Tax Association
 *   (`GET /v1/tax/associations/find?payment_intent=`), with Stripe's reasons
 *   for an attempt that could not commit.
 * It does not change the intent's amount, as Stripe does not.
 */
import { missingParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { newId } from './ids';
import type { PaymentIntent, Refund } from './objects';
import { allowOnly, obj, str } from './params';
import type { EmulatorState } from './state';
import { calculationExpired, findCalculation } from './tax-calculations';
import type {
  StoredTransaction,
  TaxAssociation,
  TaxAttemptError,
  TaxTransactionAttempt,
} from './tax-objects';
import { expandParam, strAt } from './tax-params';
import { remainingTotal, reverseTransaction } from './tax-reversals';
import { transactionFromCalculation } from './tax-transactions';

export const HOOK_PARAM = 'hooks[inputs][tax][calculation]';

/**
 * The calculation a request links: an id, null to unlink (an empty value,
 * as the API allows), or undefined when the request says nothing of it.
 */
export function hookCalculationParam(params: Params): string | null | undefined {
  const hooks = obj(params, 'hooks');
  if (!hooks) return params.hooks === '' ? null : undefined;
  allowOnly(hooks, ['inputs']);
  const inputs = obj(hooks, 'inputs');
  if (!inputs) return hooks.inputs === '' ? null : undefined;
  allowOnly(inputs, ['tax']);
  const tax = obj(inputs, 'tax');
  if (!tax) return inputs.tax === '' ? null : undefined;
  allowOnly(tax, ['calculation']);
  const calculation = strAt(tax, 'calculation', HOOK_PARAM);
  if (calculation === undefined) throw missingParam(HOOK_PARAM);
  return calculation || null;
}

/** Links a calculation to an intent (or unlinks it), as `hooks` on the intent shows. */
export function linkCalculation(
  state: EmulatorState,
  intent: PaymentIntent,
  calculation: string | null,
): void {
  const association = state.taxAssociations.get(intent.id);
  if (calculation === null) {
    delete intent.hooks;
    // An association that never attempted anything has nothing left to track.
    if (association && association.tax_transaction_attempts === null)
      state.taxAssociations.delete(intent.id);
    return;
  }
  findCalculation(state, calculation, HOOK_PARAM);
  intent.hooks = { inputs: { tax: { calculation } } };
  if (association) {
    association.calculation = calculation;
    return;
  }
  state.taxAssociations.set(intent.id, {
    id: newId('taxa'),
    object: 'tax.association',
    calculation,
    payment_intent: intent.id,
    tax_transaction_attempts: null,
  });
}

function record(association: TaxAssociation, attempt: TaxTransactionAttempt): void {
  association.tax_transaction_attempts = [...(association.tax_transaction_attempts ?? []), attempt];
}

function committedFor(association: TaxAssociation, source: string): string | undefined {
  for (const attempt of association.tax_transaction_attempts ?? []) {
    if (attempt.source === source && attempt.status === 'committed')
      return attempt.committed.transaction;
  }
  return undefined;
}

function commitError(
  state: EmulatorState,
  intent: PaymentIntent,
  calculation: string,
): TaxAttemptError | null {
  const stored = state.taxCalculations.get(calculation);
  if (!stored || calculationExpired(state, stored)) return 'calculation_expired';
  if (stored.calculation.currency !== intent.currency) return 'currency_mismatch';
  if (stored.transaction) return 'another_payment_associated_with_calculation';
  if (state.taxReferences.has(intent.id)) return 'unique_reference_violation';
  return null;
}

/** On success: the linked calculation becomes the intent's tax transaction, if it can. */
export function commitIntentTax(state: EmulatorState, intent: PaymentIntent): void {
  const association = state.taxAssociations.get(intent.id);
  if (!association || committedFor(association, intent.id)) return;
  const reason = commitError(state, intent, association.calculation);
  if (reason) {
    record(association, { source: intent.id, status: 'errored', errored: { reason } });
    return;
  }
  const stored = state.taxCalculations.get(association.calculation)!;
  const created = transactionFromCalculation(state, stored, intent.id, {
    metadata: {},
    postedAt: state.clock.now(),
  });
  record(association, {
    source: intent.id,
    status: 'committed',
    committed: { transaction: created.transaction.id },
  });
}

/**
 * A reversal Stripe makes on its own must never fail the refund that caused
 * it: one it cannot make (a 31st partial reversal, say) is left out, as the
 * Tax Association's reasons have no word for it.
 */
function attempt(reverse: () => StoredTransaction): StoredTransaction | undefined {
  try {
    return reverse();
  } catch (error) {
    if (error instanceof StripeApiError) return undefined;
    throw error;
  }
}

/**
 * The tax transaction a payment recorded when it succeeded: the linked
 * calculation's, or the Checkout Session's (`checkout-tax.ts`), which has no
 * Tax Association to show its attempts on.
 */
function saleOf(
  state: EmulatorState,
  intentId: string,
): { association: TaxAssociation | undefined; original: StoredTransaction | undefined } {
  const association = state.taxAssociations.get(intentId);
  const transactionId = association
    ? committedFor(association, intentId)
    : state.checkoutTaxTransactions.get(intentId);
  return {
    association,
    original: transactionId ? state.taxTransactions.get(transactionId) : undefined,
  };
}

/**
 * A refund of a linked intent (or of a Checkout payment with automatic tax)
 * reverses tax by a flat amount: the refund's, up to what is left of the
 * transaction (Stripe does not adjust the transaction to the amount actually
 * paid, so a refund may exceed it).
 */
export function reverseRefundTax(state: EmulatorState, refund: Refund): void {
  const { association, original } = saleOf(state, refund.payment_intent);
  if (!original || original.fullReversal) return;
  const flat = Math.min(refund.amount, remainingTotal(state, original));
  if (flat <= 0) return;
  if (state.taxReferences.has(refund.id)) {
    if (association) {
      record(association, {
        source: refund.id,
        status: 'errored',
        errored: { reason: 'unique_reference_violation' },
      });
    }
    return;
  }
  const reversal = attempt(() =>
    reverseTransaction(state, {
      mode: 'partial',
      original,
      reference: refund.id,
      metadata: {},
      params: { flat_amount: String(-flat) },
    }),
  );
  if (!reversal) return;
  state.taxRefundReversals.set(refund.id, reversal.transaction.id);
  if (association) {
    record(association, {
      source: refund.id,
      status: 'committed',
      committed: { transaction: reversal.transaction.id },
    });
  }
}

/** A refund that failed gives its tax back: its reversal is reversed in full. */
export function undoRefundTax(state: EmulatorState, refund: Refund): void {
  const association = state.taxAssociations.get(refund.payment_intent);
  const reversalId = state.taxRefundReversals.get(refund.id);
  const reversal = reversalId ? state.taxTransactions.get(reversalId) : undefined;
  if (!reversal || reversal.fullReversal) return;
  const reference = `${refund.id}-failed`;
  if (state.taxReferences.has(reference)) return;
  const undone = attempt(() =>
    reverseTransaction(state, {
      mode: 'full',
      original: reversal,
      reference,
      metadata: {},
      params: {},
    }),
  );
  if (!undone || !association) return;
  record(association, {
    source: refund.id,
    status: 'committed',
    committed: { transaction: undone.transaction.id },
  });
}

export function findAssociation(state: EmulatorState, params: Params): TaxAssociation {
  allowOnly(params, ['payment_intent', 'expand']);
  expandParam(params, ['tax_transaction_attempts']);
  const intentId = str(params, 'payment_intent');
  if (!intentId) throw missingParam('payment_intent');
  if (!state.paymentIntents.has(intentId))
    throw notFound('payment_intent', intentId, 'payment_intent');
  const association = state.taxAssociations.get(intentId);
  if (!association)
    throw notFound('tax association for payment_intent', intentId, 'payment_intent');
  return association;
}
