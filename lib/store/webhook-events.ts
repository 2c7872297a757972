import 'server-only';
import type { Redis } from '@upstash/redis';
import { storeCall } from './store-client';
import { storeKeys, TTL_SECONDS } from './store-keys';

export type WebhookEventClaim =
  { claimed: true; token: string } | { claimed: false; state: 'processing' | 'done' };

/**
 * Claims an event id for handling (SET NX with a lease): of any number of
 * concurrent deliveries of one event, exactly one gets `claimed: true`.
 */
export async function claimWebhookEvent(store: Redis, eventId: string): Promise<WebhookEventClaim> {
  const key = storeKeys.webhookEvent(eventId);
  const token = crypto.randomUUID();
  const result = await storeCall('claimWebhookEvent', () =>
    store.set(key, `processing:${token}`, { nx: true, ex: TTL_SECONDS.webhookEventLease }),
  );
  if (result === 'OK') return { claimed: true, token };
  const state = await storeCall('claimWebhookEvent', () => store.get<string>(key));
  return { claimed: false, state: state === 'done' ? 'done' : 'processing' };
}

/** Marks a claimed event handled, for longer than Stripe keeps retrying it. */
export async function completeWebhookEvent(store: Redis, eventId: string): Promise<void> {
  await storeCall('completeWebhookEvent', () =>
    store.set(storeKeys.webhookEvent(eventId), 'done', { ex: TTL_SECONDS.webhookEventDone }),
  );
}

/**
 * Gives a claim back after handling failed, so Stripe's retry can handle the
 * event. Only the holder's own claim is removed; the lease outlasts any
 * handling, so the check-then-delete cannot remove a newer holder's claim.
 */
export async function releaseWebhookEvent(
  store: Redis,
  eventId: string,
  token: string,
): Promise<void> {
  const key = storeKeys.webhookEvent(eventId);
  await storeCall('releaseWebhookEvent', async () => {
    if ((await store.get<string>(key)) === `processing:${token}`) await store.del(key);
  });
}
