/** Reading the emulators and driving the sweeper, each call bounded in time. */
import { E2E_SECRETS } from '../../tests/e2e-env';
import type { Deployment } from './cluster';

const CALL_TIMEOUT_MS = 10_000;

async function json<T>(
  url: string,
  init: RequestInit = {},
  timeoutMs = CALL_TIMEOUT_MS,
): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export type EmulatedIntent = {
  id: string;
  status: string;
  metadata: Record<string, string>;
};

/** Every PaymentIntent the Stripe emulator holds, or those whose metadata matches `filter`. */
export async function listIntents(
  at: Deployment,
  filter: Record<string, string> = {},
): Promise<EmulatedIntent[]> {
  const query = new URLSearchParams(
    Object.entries(filter).map(([key, value]) => [`metadata[${key}]`, value]),
  );
  const { data } = await json<{ data: EmulatedIntent[] }>(
    `${at.stripe}/_emulator/payment_intents?${query}`,
  );
  return data;
}

/** Waits until the emulator has no webhook delivery pending, retries included. */
export async function flushWebhooks(at: Deployment, timeoutMs: number): Promise<boolean> {
  const response = await fetch(`${at.stripe}/_emulator/webhooks/flush`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timeoutMs }),
    signal: AbortSignal.timeout(timeoutMs + CALL_TIMEOUT_MS),
  });
  return response.ok && ((await response.json()) as { idle: boolean }).idle;
}

/** The sweeper, called as the scheduler calls it; A is the instance never killed. */
export async function sweepJobs(at: Deployment): Promise<Record<string, number>> {
  const { ran } = await json<{ ran: Record<string, number> }>(
    `${at.A}/api/cron/jobs`,
    { headers: { authorization: `Bearer ${E2E_SECRETS.CRON_SECRET}` } },
    // The sweeper gives itself 20 s.
    30_000,
  );
  return ran;
}

export type CaughtMail = { ID: string; MessageID: string; Subject: string };

/** Every message in the mail catcher (Mailpit's API; limit=0 is all). */
export async function listMail(at: Deployment): Promise<CaughtMail[]> {
  const { messages } = await json<{ messages: CaughtMail[] }>(`${at.mail}/api/v1/messages?limit=0`);
  return messages;
}
