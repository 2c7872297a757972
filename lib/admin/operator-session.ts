/**
 * The operator's session: its own iron-session cookie, separate from the
 * shopper's cart, naming a session record in the store. Signing out deletes
 * the record, so a copied cookie stops working too, and an address taken
 * out of ADMIN_EMAILS loses its session on the next request.
 */
import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getEnv } from '../env';
import { getStore } from '../store/store-client';
import { storeCall } from '../store/store-client';
import { storeKeys, TTL_SECONDS } from '../store/store-keys';
import { operatorFor } from './operators';

export type Operator = { email: string; sessionId: string };

const sessionSchema = z.object({ v: z.literal(1), sid: z.uuid(), email: z.string() });

export function operatorCookieName(isProduction: boolean): string {
  return isProduction ? '__Host-folio-admin' : 'folio-admin';
}

export function operatorCookieOptions(isProduction: boolean) {
  return {
    httpOnly: true,
    // Browsers only keep Secure cookies over HTTPS (localhost aside); development is plain HTTP.
    secure: isProduction,
    sameSite: 'strict' as const,
    path: '/',
    maxAge: TTL_SECONDS.adminSession,
  };
}

/**
 * The signed-in operator, checked against the store and ADMIN_EMAILS; null for
 * anyone else. Read once per request (the layout and the page both ask).
 */
export const getOperator = cache(readOperator);

async function readOperator(): Promise<Operator | null> {
  const jar = await cookies();
  const { isProduction, sessionPassword } = getEnv();
  const seal = jar.get(operatorCookieName(isProduction))?.value;
  if (!seal) return null;
  let data: unknown;
  try {
    data = await unsealData(seal, { password: sessionPassword, ttl: TTL_SECONDS.adminSession });
  } catch {
    return null;
  }
  const session = sessionSchema.safeParse(data);
  if (!session.success || !operatorFor(session.data.email)) return null;
  const stored = await storeCall('getOperatorSession', () =>
    getStore().get<string>(storeKeys.adminSession(session.data.sid)),
  );
  if (stored !== session.data.email) return null;
  return { email: session.data.email, sessionId: session.data.sid };
}

/** For every back-office page and action: the operator, or off to sign in. */
export async function requireOperator(): Promise<Operator> {
  const operator = await getOperator();
  if (!operator) redirect('/admin/sign-in');
  return operator;
}

export async function startOperatorSession(email: string): Promise<void> {
  const { isProduction, sessionPassword } = getEnv();
  const sid = crypto.randomUUID();
  await storeCall('startOperatorSession', () =>
    getStore().set(storeKeys.adminSession(sid), email, { ex: TTL_SECONDS.adminSession }),
  );
  (await cookies()).set(
    operatorCookieName(isProduction),
    await sealData(
      { v: 1, sid, email },
      { password: sessionPassword, ttl: TTL_SECONDS.adminSession },
    ),
    operatorCookieOptions(isProduction),
  );
}

export async function endOperatorSession(operator: Operator): Promise<void> {
  const { isProduction } = getEnv();
  await storeCall('endOperatorSession', () =>
    getStore().del(storeKeys.adminSession(operator.sessionId)),
  );
  (await cookies()).delete({ name: operatorCookieName(isProduction), path: '/' });
}
