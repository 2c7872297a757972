/**
 * Tax Transactions: recording a sale from a calculation
 * (`POST /v1/tax/transactions/create_from_calculation`), reading a
 * transaction and its line items. Reversals live in `tax-reversals.ts`.
 * A reference is unique across all transactions, reversals included, and a
 * calculation becomes at most one transaction (docs.stripe.com/api/tax/
 * transactions/create_from_calculation, docs.stripe.com/tax/payment-intent).
 */
import { invalidParam, notFound, StripeApiError } from './errors';
import type { Params } from './form';
import { newId } from './ids';
import { allowOnly, int, mergeMetadata, requiredStr, str } from './params';
import { paginate, type EmulatorState } from './state';
import { calculationExpired, expiredCalculationError } from './tax-calculations';
import type {
  StoredCalculation,
  StoredTransaction,
  TaxTransaction,
  TransactionLineItem,
} from './tax-objects';
import { expandParam } from './tax-params';
import { transactionView } from './tax-views';

const MAX_REFERENCE_LENGTH = 500;

export function referenceInUse(reference: string): StripeApiError {
  return new StripeApiError(
    400,
    'invalid_request_error',
    `A transaction with the reference '${reference}' already exists. References must be unique across all transactions, including reversals.`,
    { param: 'reference' },
  );
}

/** A new transaction's reference: present, not too long, used by no other transaction. */
export function checkReference(state: EmulatorState, params: Params): string {
  const reference = requiredStr(params, 'reference');
  if (reference.length > MAX_REFERENCE_LENGTH) {
    throw invalidParam(
      `Invalid reference: must be at most ${MAX_REFERENCE_LENGTH} characters`,
      'reference',
    );
  }
  if (state.taxReferences.has(reference)) throw referenceInUse(reference);
  return reference;
}

export function recordTransaction(
  state: EmulatorState,
  transaction: TaxTransaction,
  lineItems: TransactionLineItem[],
): StoredTransaction {
  const stored: StoredTransaction = {
    transaction,
    lineItems,
    partialReversals: 0,
    fullReversal: null,
  };
  state.taxTransactions.set(transaction.id, stored);
  state.taxReferences.set(transaction.reference, transaction.id);
  return stored;
}

export function calculationUsed(id: string): StripeApiError {
  return new StripeApiError(
    400,
    'invalid_request_error',
    `The calculation ${id} has already been used to create a transaction; a calculation can become only one transaction.`,
    { param: 'calculation' },
  );
}

/**
 * The sale a calculation describes, recorded as it was calculated: Stripe
 * recalculates nothing (docs.stripe.com/tax/custom). Callers have checked
 * that the calculation is usable and the reference free.
 */
export function transactionFromCalculation(
  state: EmulatorState,
  stored: StoredCalculation,
  reference: string,
  extra: { metadata: TaxTransaction['metadata']; postedAt: number },
): StoredTransaction {
  const { calculation } = stored;
  const transaction: TaxTransaction = {
    id: newId('tax'),
    object: 'tax.transaction',
    created: state.clock.now(),
    currency: calculation.currency,
    customer: null,
    customer_details: structuredClone(calculation.customer_details),
    livemode: false,
    metadata: extra.metadata,
    posted_at: extra.postedAt,
    reference,
    reversal: null,
    ship_from_details: structuredClone(calculation.ship_from_details),
    shipping_cost: calculation.shipping_cost ? { ...calculation.shipping_cost } : null,
    tax_date: calculation.tax_date,
    type: 'transaction',
  };
  const lineItems: TransactionLineItem[] = stored.lineItems.map((line) => ({
    id: newId('tax_li'),
    object: 'tax.transaction_line_item',
    amount: line.amount,
    amount_tax: line.amount_tax,
    livemode: false,
    metadata: line.metadata ? { ...line.metadata } : null,
    product: null,
    quantity: line.quantity,
    reference: line.reference,
    reversal: null,
    tax_behavior: line.tax_behavior,
    tax_code: line.tax_code,
    type: 'transaction',
  }));
  stored.transaction = transaction.id;
  return recordTransaction(state, transaction, lineItems);
}

function postedAt(state: EmulatorState, params: Params, taxDate: number): number {
  const now = state.clock.now();
  const value = int(params, 'posted_at');
  if (value === undefined) return now;
  if (value < Math.min(taxDate, now) || value > Math.max(taxDate, now)) {
    throw invalidParam(
      'posted_at must fall between the tax_date of the calculation and the current time.',
      'posted_at',
    );
  }
  return value;
}

export function createFromCalculation(state: EmulatorState, params: Params) {
  allowOnly(params, ['calculation', 'reference', 'expand', 'metadata', 'posted_at']);
  const expand = expandParam(params, ['line_items']);
  const id = requiredStr(params, 'calculation');
  const reference = checkReference(state, params);
  const stored = state.taxCalculations.get(id);
  if (!stored) throw notFound('tax calculation', id, 'calculation');
  if (calculationExpired(state, stored)) throw expiredCalculationError(id);
  if (stored.transaction) throw calculationUsed(id);
  const created = transactionFromCalculation(state, stored, reference, {
    metadata: mergeMetadata({}, params),
    postedAt: postedAt(state, params, stored.calculation.tax_date),
  });
  return transactionView(created, expand);
}

export function findTransaction(state: EmulatorState, id: string, param = 'id'): StoredTransaction {
  const stored = state.taxTransactions.get(id);
  if (!stored) throw notFound('tax transaction', id, param);
  return stored;
}

export function retrieveTransaction(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand']);
  return transactionView(findTransaction(state, id), expandParam(params, ['line_items']));
}

export function listTransactionLineItems(state: EmulatorState, id: string, params: Params) {
  allowOnly(params, ['expand', 'limit', 'starting_after', 'ending_before']);
  const stored = findTransaction(state, id);
  // Line items keep their order; `paginate` lists newest first.
  return paginate(
    [...stored.lineItems].reverse(),
    `/v1/tax/transactions/${id}/line_items`,
    int(params, 'limit'),
    str(params, 'starting_after'),
  );
}
