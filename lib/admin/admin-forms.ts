/**
 * The back office's forms: read what the operator typed, check it, and run
 * the action as that operator. Messages say exactly what was wrong.
 */
import 'server-only';
import { revalidatePath } from 'next/cache';
import { STORE_CURRENCY } from '../store-settings';
import { createCodeAs, describeCode, disableCodeAs } from './discount-code-actions';
import { discountCodeBodySchema, toDiscountCode } from './discount-code-input';
import { checkoutDeps } from '../checkout/checkout-deps';
import { formatMoney, parseMoneyInput } from '../money';
import {
  parseReason,
  REQUEST_ID_PATTERN,
  shipmentBodySchema,
  firstIssue,
} from '../refunds/refund-input';
import { getOrder } from '../store/orders';
import { getStore } from '../store/store-client';
import { adminFormState, type AdminFormState } from './admin-form-state';
import { queueRefundAs, refundAs, shipOrderAs } from './operator-actions';
import type { Operator } from './operator-session';

const ORDER_ID = /^ord_[A-Za-z0-9]{1,40}$/;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export async function submitShipment(operator: Operator, form: FormData): Promise<AdminFormState> {
  const orderId = text(form, 'orderId');
  if (!ORDER_ID.test(orderId)) return adminFormState('error', 'No order with that id.');
  const parsed = shipmentBodySchema.safeParse({
    carrier: text(form, 'carrier'),
    tracking_number: text(form, 'trackingNumber'),
  });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    const field = issue.field === 'tracking_number' ? 'trackingNumber' : issue.field;
    return adminFormState(
      'error',
      issue.message
        .replace('tracking_number', 'The tracking number')
        .replace(/^carrier/, 'The carrier'),
      field,
    );
  }
  const result = await shipOrderAs(checkoutDeps(), operator.email, orderId, {
    carrier: parsed.data.carrier,
    trackingNumber: parsed.data.tracking_number,
  });
  if (!result.ok) return adminFormState('error', result.message);
  revalidatePath(`/admin/orders/${orderId}`);
  return adminFormState(
    'success',
    `Marked shipped with ${parsed.data.carrier}, tracking number ${parsed.data.tracking_number}. The shopper is being told.`,
  );
}

export async function submitRefund(operator: Operator, form: FormData): Promise<AdminFormState> {
  const orderId = text(form, 'orderId');
  const order = ORDER_ID.test(orderId) ? await getOrder(getStore(), orderId) : null;
  if (!order) return adminFormState('error', 'No order with that id.');
  const requestId = text(form, 'requestId');
  if (!REQUEST_ID_PATTERN.test(requestId)) {
    return adminFormState('error', 'The form is out of date; reload the page and try again.');
  }
  const typed = text(form, 'amount').trim();
  let amount: number | null = null;
  if (typed !== '') {
    amount = parseMoneyInput(typed, order.currency);
    const example = formatMoney({ amount: 1250, currency: order.currency });
    if (amount === null) {
      return adminFormState(
        'error',
        `Enter the amount as a number, like ${example.replace(/[^\d.,]/g, '')}.`,
        'amount',
      );
    }
    if (amount <= 0) return adminFormState('error', 'The amount must be more than zero.', 'amount');
  }
  const reasonText = text(form, 'reason');
  const reason = reasonText === '' ? null : parseReason(reasonText);
  if (reasonText !== '' && !reason)
    return adminFormState('error', 'Choose a reason from the list.', 'reason');
  const deps = checkoutDeps();
  const target = { orderId };
  if (text(form, 'mode') === 'queued') {
    const result = await queueRefundAs(deps, operator.email, { requestId, target, amount, reason });
    if (!result.ok) return adminFormState('error', result.message, result.field);
    revalidatePath(`/admin/orders/${orderId}`);
    return adminFormState('success', `Refund request ${requestId} queued; its status shows below.`);
  }
  let result: Awaited<ReturnType<typeof refundAs>>;
  try {
    // No key of the form's own: refundNow derives it from the order, so a resubmission after
    // an error or a reload is the same refund.
    result = await refundAs(deps, operator.email, { target, amount, reason });
  } catch {
    return adminFormState(
      'error',
      'Stripe did not answer, so the refund may or may not have been made. Sending the same refund again is safe: it cannot be made twice.',
    );
  }
  if (!result.ok) return adminFormState('error', result.message, result.field);
  revalidatePath(`/admin/orders/${orderId}`);
  const money = formatMoney({ amount: result.refund.amount, currency: result.refund.currency });
  return adminFormState('success', `Refund of ${money}: ${result.refund.status}.`);
}

/** A form's money field in major units, as minor units; undefined when empty, NaN when malformed. */
function moneyField(form: FormData, name: string): number | undefined {
  const typed = text(form, name).trim();
  if (typed === '') return undefined;
  return parseMoneyInput(typed, STORE_CURRENCY) ?? Number.NaN;
}

function numberField(form: FormData, name: string): number | undefined {
  const typed = text(form, name).trim();
  return typed === '' ? undefined : Number(typed);
}

const FORM_FIELDS: Record<string, string> = {
  percent_off: 'value',
  amount_off: 'value',
  min_subtotal: 'minSubtotal',
  starts_at: 'startsAt',
  ends_at: 'endsAt',
  max_redemptions: 'maxRedemptions',
};

export async function submitDiscountCode(
  operator: Operator,
  form: FormData,
): Promise<AdminFormState> {
  const kind = text(form, 'kind');
  const value = kind === 'amount' ? moneyField(form, 'value') : numberField(form, 'value');
  if (value === undefined || Number.isNaN(value)) {
    return adminFormState(
      'error',
      kind === 'amount'
        ? 'Enter the amount off, like 5.00.'
        : 'Enter the percentage off, 1 to 100.',
      'value',
    );
  }
  const day = (name: string) => (text(form, name) ? `${text(form, name)}T00:00:00Z` : undefined);
  const parsed = discountCodeBodySchema.safeParse({
    code: text(form, 'code'),
    ...(kind === 'amount' ? { amount_off: value } : { percent_off: value }),
    ...(moneyField(form, 'minSubtotal') !== undefined
      ? { min_subtotal: moneyField(form, 'minSubtotal') }
      : {}),
    ...(day('startsAt') ? { starts_at: day('startsAt') } : {}),
    ...(day('endsAt') ? { ends_at: day('endsAt') } : {}),
    ...(numberField(form, 'maxRedemptions') !== undefined
      ? { max_redemptions: numberField(form, 'maxRedemptions') }
      : {}),
    once_per_email: form.get('oncePerEmail') === 'on',
  });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return adminFormState('error', issue.message, FORM_FIELDS[issue.field ?? ''] ?? issue.field);
  }
  const store = getStore();
  const result = await createCodeAs(
    store,
    operator.email,
    toDiscountCode(parsed.data, operator.email, Date.now()),
  );
  if (!result.ok) return adminFormState('error', result.message, 'code');
  revalidatePath('/admin/discount-codes');
  return adminFormState('success', `Created ${result.code.code}: ${describeCode(result.code)}.`);
}

export async function submitDisableCode(operator: Operator, form: FormData): Promise<void> {
  await disableCodeAs(getStore(), operator.email, text(form, 'code'));
  revalidatePath('/admin/discount-codes');
}
