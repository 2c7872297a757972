/**
 * The append-only record of what operators did: who, what, which order,
 * when, and how it ended. Entries are only ever pushed, never edited; the
 * whole log and each order's share are written in one transaction.
 */
import 'server-only';
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { storeCall } from '../store/store-client';
import { storeKeys } from '../store/store-keys';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_out',
  'ship',
  'refund',
  'queue_refund',
  'create_code',
  'disable_code',
  'set_stock',
] as const;

const entrySchema = z.object({
  id: z.string(),
  at: z.number(),
  /** An operator's address, or "api:<key digest prefix>". */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  orderId: z.string().nullable(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  detail: z.string(),
});

export type AuditEntry = z.infer<typeof entrySchema>;
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export async function audit(store: Redis, entry: NewAuditEntry): Promise<AuditEntry> {
  const full = entrySchema.parse({ id: crypto.randomUUID(), at: Date.now(), ...entry });
  const json = JSON.stringify(full);
  await storeCall('audit', () => {
    const tx = store.multi().lpush(storeKeys.audit, json);
    if (full.orderId) tx.lpush(storeKeys.orderAudit(full.orderId), json);
    return tx.exec();
  });
  return full;
}

function parseEntries(raw: unknown[]): AuditEntry[] {
  return raw.map((item) => entrySchema.parse(typeof item === 'string' ? JSON.parse(item) : item));
}

/** Newest first, `limit` entries from `offset`. */
export async function listAudit(
  store: Redis,
  { offset, limit }: { offset: number; limit: number },
): Promise<AuditEntry[]> {
  const raw = await storeCall('listAudit', () =>
    store.lrange(storeKeys.audit, offset, offset + limit - 1),
  );
  return parseEntries(raw);
}

export async function listOrderAudit(store: Redis, orderId: string): Promise<AuditEntry[]> {
  const raw = await storeCall('listOrderAudit', () =>
    store.lrange(storeKeys.orderAudit(orderId), 0, 199),
  );
  return parseEntries(raw);
}
