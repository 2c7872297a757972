/**
 * `POST /v1/tax/transactions/create_reversal`, as docs.stripe.com/tax/custom
 * ("Record refunds") describes it:
 * - `mode=full` reverses the whole original with opposite signs, whatever
 *   partial reversals came before (it "doesn't affect previous partial
 *   reversals"); a reversal can itself be fully reversed, which undoes a
 *   partial refund.
 * - `mode=partial` reverses the `line_items` and `shipping_cost` amounts given
 *   (negative), or a negative `flat_amount` spread over every line item and
 *   the shipping cost in proportion to what is left of each, then split into
 *   amount and tax in proportion too. Up to 30 partial reversals per sale;
 *   reversing more than is left is refused.
 */
import { invalidParam, missingParam, StripeApiError } from './errors';
import type { Params } from './form';
import { newId } from './ids';
import { allowOnly, int, mergeMetadata, oneOf, requiredStr } from './params';
import type { EmulatorState } from './state';
import type {
  CalculationShippingCost,
  StoredTransaction,
  TaxTransaction,
  TransactionLineItem,
} from './tax-objects';
import { allocate, proportion } from './tax-math';
import {
  allowOnlyAt,
  expandParam,
  hashAt,
  hashListAt,
  metadataAt,
  requiredIntAt,
  strAt,
} from './tax-params';
import { checkReference, findTransaction, recordTransaction } from './tax-transactions';
import { transactionView } from './tax-views';

const MAX_PARTIAL_REVERSALS = 30;

type Amounts = { amount: number; amount_tax: number };
type ReversedLine = Amounts & {
  original: TransactionLineItem;
  reference: string;
  quantity: number;
  metadata: TransactionLineItem['metadata'];
};
type Reversal = { lines: ReversedLine[]; shipping: Amounts | null };

function refused(message: string, param?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, param ? { param } : {});
}

/** What is left of a line: its amounts plus those of every line that reversed it, recursively. */
function netOfLine(state: EmulatorState, line: TransactionLineItem): Amounts {
  const net = { amount: line.amount, amount_tax: line.amount_tax };
  for (const stored of state.taxTransactions.values()) {
    for (const other of stored.lineItems) {
      if (other.reversal?.original_line_item !== line.id) continue;
      const reversed = netOfLine(state, other);
      net.amount += reversed.amount;
      net.amount_tax += reversed.amount_tax;
    }
  }
  return net;
}

/** What is left of a transaction's shipping cost, likewise. */
function netOfShipping(state: EmulatorState, transaction: TaxTransaction): Amounts {
  const shipping = transaction.shipping_cost;
  const net = { amount: shipping?.amount ?? 0, amount_tax: shipping?.amount_tax ?? 0 };
  for (const stored of state.taxTransactions.values()) {
    if (stored.transaction.reversal?.original_transaction !== transaction.id) continue;
    const reversed = netOfShipping(state, stored.transaction);
    net.amount += reversed.amount;
    net.amount_tax += reversed.amount_tax;
  }
  return net;
}

function fullReversal(original: StoredTransaction): Reversal {
  const shipping = original.transaction.shipping_cost;
  return {
    lines: original.lineItems.map((line) => ({
      original: line,
      amount: -line.amount,
      amount_tax: -line.amount_tax,
      reference: line.reference,
      quantity: line.quantity,
      metadata: {},
    })),
    shipping: shipping ? { amount: -shipping.amount, amount_tax: -shipping.amount_tax } : null,
  };
}

function negative(params: Params, key: string, path: string): number {
  const value = requiredIntAt(params, key, path);
  if (value > 0) {
    throw invalidParam(`${path} must be a negative integer or zero: the amount to reverse.`, path);
  }
  return value;
}

/** A reversal may not take more of an amount (or its tax) than is left of it. */
function checkLeft(reversed: Amounts, left: Amounts, what: string): void {
  if (-reversed.amount > left.amount || -reversed.amount_tax > left.amount_tax) {
    throw refused(
      `The amounts to reverse for ${what} (${reversed.amount}, tax ${reversed.amount_tax}) exceed what is left to reverse (${-left.amount}, tax ${-left.amount_tax}).`,
    );
  }
}

function lineReversals(
  state: EmulatorState,
  original: StoredTransaction,
  items: Params[],
): ReversedLine[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const path = `line_items[${i}]`;
    allowOnlyAt(
      item,
      ['amount', 'amount_tax', 'metadata', 'original_line_item', 'quantity', 'reference'],
      path,
    );
    const id = strAt(item, 'original_line_item', `${path}[original_line_item]`);
    if (!id) throw missingParam(`${path}[original_line_item]`);
    const reference = strAt(item, 'reference', `${path}[reference]`);
    if (!reference) throw missingParam(`${path}[reference]`);
    const line = original.lineItems.find((l) => l.id === id);
    if (!line) {
      throw invalidParam(
        `Line item ${id} is not part of transaction ${original.transaction.id}.`,
        `${path}[original_line_item]`,
      );
    }
    if (seen.has(id)) {
      throw invalidParam(
        `Line item ${id} is reversed more than once in this request.`,
        `${path}[original_line_item]`,
      );
    }
    seen.add(id);
    const reversed = {
      amount: negative(item, 'amount', `${path}[amount]`),
      amount_tax: negative(item, 'amount_tax', `${path}[amount_tax]`),
    };
    checkLeft(reversed, netOfLine(state, line), `line item ${id}`);
    return {
      original: line,
      ...reversed,
      reference,
      quantity: int(item, 'quantity') ?? line.quantity,
      metadata: metadataAt(item) ?? {},
    };
  });
}

function shippingReversal(
  state: EmulatorState,
  original: StoredTransaction,
  value: Params,
): Amounts {
  allowOnlyAt(value, ['amount', 'amount_tax'], 'shipping_cost');
  if (!original.transaction.shipping_cost) {
    throw invalidParam(
      `Transaction ${original.transaction.id} has no shipping cost to reverse.`,
      'shipping_cost',
    );
  }
  const reversed = {
    amount: negative(value, 'amount', 'shipping_cost[amount]'),
    amount_tax: negative(value, 'amount_tax', 'shipping_cost[amount_tax]'),
  };
  checkLeft(reversed, netOfShipping(state, original.transaction), 'the shipping cost');
  return reversed;
}

/** A remaining total, inclusive of tax: `amount` already holds the tax of an inclusive line. */
function totalLeft(left: Amounts, inclusive: boolean): number {
  return inclusive ? left.amount : left.amount + left.amount_tax;
}

function split(part: number, left: Amounts, inclusive: boolean): Amounts {
  const tax = proportion(part, left.amount_tax, totalLeft(left, inclusive));
  return { amount: inclusive ? part : part - tax, amount_tax: tax };
}

/** What is left of each line item, then of the shipping cost if there is one. */
function whatIsLeft(state: EmulatorState, original: StoredTransaction) {
  const shipping = original.transaction.shipping_cost;
  return [
    ...original.lineItems.map((line) => ({
      left: netOfLine(state, line),
      inclusive: line.tax_behavior === 'inclusive',
    })),
    ...(shipping
      ? [
          {
            left: netOfShipping(state, original.transaction),
            inclusive: shipping.tax_behavior === 'inclusive',
          },
        ]
      : []),
  ];
}

/** The total, tax included, that reversals may still take from a transaction. */
export function remainingTotal(state: EmulatorState, original: StoredTransaction): number {
  return whatIsLeft(state, original).reduce(
    (sum, e) => sum + Math.max(0, totalLeft(e.left, e.inclusive)),
    0,
  );
}

function flatReversal(state: EmulatorState, original: StoredTransaction, flat: number): Reversal {
  if (flat >= 0)
    throw invalidParam(
      'flat_amount must be a negative integer: the amount to reverse.',
      'flat_amount',
    );
  const shipping = original.transaction.shipping_cost;
  const entries = whatIsLeft(state, original);
  const weights = entries.map((e) => Math.max(0, totalLeft(e.left, e.inclusive)));
  const available = weights.reduce((a, b) => a + b, 0);
  if (-flat > available) {
    throw refused(
      `The flat_amount to reverse (${flat}) exceeds what is left to reverse on transaction ${original.transaction.id} (${-available}).`,
      'flat_amount',
    );
  }
  const parts = allocate(flat, weights).map((part, i) =>
    split(part, entries[i]!.left, entries[i]!.inclusive),
  );
  return {
    lines: original.lineItems.map((line, i) => ({
      original: line,
      ...parts[i]!,
      // Stripe's examples name the lines of a flat-amount reversal refund_li_1, refund_li_2, …
      reference: `refund_li_${i + 1}`,
      quantity: line.quantity,
      metadata: {},
    })),
    shipping: shipping ? parts[original.lineItems.length]! : null,
  };
}

function partialReversal(
  state: EmulatorState,
  original: StoredTransaction,
  params: Params,
): Reversal {
  if (original.transaction.type === 'reversal') {
    throw refused('A reversal can only be reversed in full (mode=full).', 'mode');
  }
  if (original.partialReversals >= MAX_PARTIAL_REVERSALS) {
    throw refused(
      `Transaction ${original.transaction.id} already has ${MAX_PARTIAL_REVERSALS} partial reversals, the most a transaction can have.`,
      'original_transaction',
    );
  }
  const items = hashListAt(params, 'line_items');
  const shipping = hashAt(params, 'shipping_cost', 'shipping_cost');
  const flat = int(params, 'flat_amount');
  if (flat !== undefined) {
    if (items || shipping) {
      throw invalidParam(
        'flat_amount cannot be combined with line_items or shipping_cost.',
        'flat_amount',
      );
    }
    return flatReversal(state, original, flat);
  }
  if (!items && !shipping) throw missingParam('line_items');
  return {
    lines: items ? lineReversals(state, original, items) : [],
    shipping: shipping ? shippingReversal(state, original, shipping) : null,
  };
}

function reversalTransaction(
  state: EmulatorState,
  original: TaxTransaction,
  reversal: Reversal,
  reference: string,
  metadata: TaxTransaction['metadata'],
): { transaction: TaxTransaction; lineItems: TransactionLineItem[] } {
  const now = state.clock.now();
  const shipping: CalculationShippingCost | null =
    reversal.shipping && original.shipping_cost
      ? { ...original.shipping_cost, ...reversal.shipping }
      : null;
  const transaction: TaxTransaction = {
    ...structuredClone(original),
    id: newId('tax'),
    created: now,
    metadata,
    posted_at: now,
    reference,
    reversal: { original_transaction: original.id },
    shipping_cost: shipping,
    type: 'reversal',
  };
  const lineItems = reversal.lines.map((line): TransactionLineItem => ({
    ...line.original,
    id: newId('tax_li'),
    amount: line.amount,
    amount_tax: line.amount_tax,
    metadata: line.metadata,
    quantity: line.quantity,
    reference: line.reference,
    reversal: { original_line_item: line.original.id },
    type: 'reversal',
  }));
  return { transaction, lineItems };
}

export type ReversalRequest = {
  mode: 'full' | 'partial';
  original: StoredTransaction;
  reference: string;
  metadata: TaxTransaction['metadata'];
  params: Params;
};

/** Records a reversal; used by the endpoint and by refunds of a linked PaymentIntent. */
export function reverseTransaction(
  state: EmulatorState,
  request: ReversalRequest,
): StoredTransaction {
  const { original, mode } = request;
  if (original.fullReversal) {
    throw refused(
      `Transaction ${original.transaction.id} has already been fully reversed by ${original.fullReversal}.`,
      'original_transaction',
    );
  }
  const reversal =
    mode === 'full' ? fullReversal(original) : partialReversal(state, original, request.params);
  const { transaction, lineItems } = reversalTransaction(
    state,
    original.transaction,
    reversal,
    request.reference,
    request.metadata,
  );
  const stored = recordTransaction(state, transaction, lineItems);
  if (mode === 'full') original.fullReversal = transaction.id;
  else original.partialReversals += 1;
  return stored;
}

export function createReversal(state: EmulatorState, params: Params) {
  allowOnly(params, [
    'mode',
    'original_transaction',
    'reference',
    'expand',
    'flat_amount',
    'line_items',
    'metadata',
    'shipping_cost',
  ]);
  const expand = expandParam(params, ['line_items']);
  const mode = oneOf(params, 'mode', ['full', 'partial'] as const);
  if (!mode) throw missingParam('mode');
  const originalId = requiredStr(params, 'original_transaction');
  const reference = checkReference(state, params);
  if (
    mode === 'full' &&
    ['line_items', 'shipping_cost', 'flat_amount'].some((k) => params[k] !== undefined)
  ) {
    throw invalidParam(
      'line_items, shipping_cost and flat_amount can only be given with mode=partial.',
      'mode',
    );
  }
  const original = findTransaction(state, originalId, 'original_transaction');
  const created = reverseTransaction(state, {
    mode,
    original,
    reference,
    metadata: mergeMetadata({}, params),
    params,
  });
  return transactionView(created, expand);
}
