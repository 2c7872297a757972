/**
 * Signing operators in. Every address gets the same answer, at the same
 * speed (the mail goes out after the response), so the form tells nobody
 * who the operators are; only operators get a link.
 */
import 'server-only';
import { after } from 'next/server';
import { createElement } from 'react';
import { getEnv } from '../env';
import { clientAddress } from '../http/client-address';
import { getLogger } from '../log/logger';
import { getMailer } from '../mail/mailer';
import { renderEmail } from '../mail/render-email';
import { SignInEmail } from '../mail/templates/sign-in-email';
import { hitRateLimit } from '../store/rate-limit';
import { getStore } from '../store/store-client';
import { STORE_NAME } from '../store-settings';
import { audit } from './audit-log';
import { operatorFor } from './operators';
import { consumeSignInLink, createSignInLink } from './sign-in-links';
import { startOperatorSession } from './operator-session';

export const SIGN_IN_PER_ADDRESS = { scope: 'admin-sign-in-address', limit: 5, windowSeconds: 900 };
export const SIGN_IN_PER_CLIENT = { scope: 'admin-sign-in-client', limit: 20, windowSeconds: 900 };

export type SignInRequestResult =
  { ok: true } | { ok: false; message: string; field: 'email' | null };

export async function requestSignInLink(
  email: unknown,
  headers: Headers,
): Promise<SignInRequestResult> {
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
    return { ok: false, message: 'Enter an email address, like ana@example.com.', field: 'email' };
  }
  const env = getEnv();
  const store = getStore();
  // Without a trusted proxy no client address is known: one shared bucket would let anyone
  // lock every operator out, so only the per-address limit applies (as for shoppers).
  const client = clientAddress(headers, env.trustProxy);
  const [byAddress, byClient] = await Promise.all([
    hitRateLimit(store, SIGN_IN_PER_ADDRESS, email.trim().toLowerCase()),
    client ? hitRateLimit(store, SIGN_IN_PER_CLIENT, client) : null,
  ]);
  if (!byAddress.allowed || (byClient && !byClient.allowed)) {
    const minutes = Math.ceil(
      Math.max(byAddress.retryAfterSeconds, byClient?.retryAfterSeconds ?? 0) / 60,
    );
    return {
      ok: false,
      message: `Too many sign-in requests. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      field: null,
    };
  }
  const operator = operatorFor(email);
  if (!operator) return { ok: true };
  const log = getLogger();
  // Everything an operator's request does beyond anyone else's happens after the response.
  after(async () => {
    try {
      const token = await createSignInLink(store, operator);
      const url = `${env.appUrl}/admin/sign-in/confirm?token=${token}`;
      const { html, text } = await renderEmail(createElement(SignInEmail, { url }));
      await getMailer().send({
        id: `sign-in:${crypto.randomUUID()}`,
        to: { address: operator },
        subject: `Sign in to the ${STORE_NAME} back office`,
        html,
        text,
      });
      log.info({ event: 'admin.sign_in_link_sent' });
    } catch (error) {
      // The operator asks for another link; the token dies with its 15 minutes.
      log.error({
        event: 'admin.sign_in_link_failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return { ok: true };
}

/** Signs in with a link's token: true once per link, within its 15 minutes. */
export async function confirmSignIn(token: unknown): Promise<boolean> {
  const store = getStore();
  const email = await consumeSignInLink(store, token);
  const operator = email ? operatorFor(email) : null;
  if (!operator) return false;
  await startOperatorSession(operator);
  await audit(store, {
    actor: operator,
    action: 'sign_in',
    orderId: null,
    outcome: 'ok',
    detail: 'signed in with a one-time link',
  });
  return true;
}
