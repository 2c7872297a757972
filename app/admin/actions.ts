'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { adminFormState, keepValues, type AdminFormState } from '@/lib/admin/admin-form-state';
import {
  submitDiscountCode,
  submitDisableCode,
  submitRefund,
  submitShipment,
} from '@/lib/admin/admin-forms';
import { submitStock } from '@/lib/admin/stock-form';
import { audit } from '@/lib/admin/audit-log';
import { endOperatorSession, requireOperator } from '@/lib/admin/operator-session';
import { confirmSignIn, requestSignInLink } from '@/lib/admin/sign-in';
import { getStore } from '@/lib/store/store-client';

export async function requestSignIn(
  _prev: AdminFormState,
  form: FormData,
): Promise<AdminFormState> {
  const result = await requestSignInLink(form.get('email'), await headers());
  if (!result.ok) return keepValues(adminFormState('error', result.message, result.field), form);
  redirect('/admin/sign-in/sent');
}

export async function confirmSignInLink(form: FormData): Promise<void> {
  const signedIn = await confirmSignIn(form.get('token'));
  redirect(signedIn ? '/admin/orders' : '/admin/sign-in?link=invalid');
}

export async function signOut(): Promise<void> {
  const operator = await requireOperator();
  await audit(getStore(), {
    actor: operator.email,
    action: 'sign_out',
    orderId: null,
    outcome: 'ok',
    detail: 'signed out',
  });
  await endOperatorSession(operator);
  redirect('/admin/sign-in');
}

export async function markShipped(_prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  return keepValues(await submitShipment(await requireOperator(), form), form);
}

export async function refundOrder(_prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  return keepValues(await submitRefund(await requireOperator(), form), form);
}

export async function createDiscountCode(
  _prev: AdminFormState,
  form: FormData,
): Promise<AdminFormState> {
  return keepValues(await submitDiscountCode(await requireOperator(), form), form);
}

export async function disableDiscountCode(form: FormData): Promise<void> {
  await submitDisableCode(await requireOperator(), form);
}

export async function setBookStock(_prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  return keepValues(await submitStock(await requireOperator(), form), form);
}
