/**
 * The in-memory keyspace as JSON, so a restarted dev server keeps its data:
 * every key with its type, value and absolute expiry time. Strings are
 * base64 (of their UTF-8 bytes). Version 1 files, written before sorted
 * sets were kept, read the same way.
 */
import { typeOf, type MemoryStore, type StoredValue } from './memory-store';
import { formatDouble, parseDouble } from './redis-numbers';

type Entry = { key: string; expiresAt?: number } & (
  | { type: 'string'; value: string }
  | { type: 'hash'; value: Array<[string, string]> }
  | { type: 'list' | 'set'; value: string[] }
  | { type: 'zset'; value: Array<[string, string]> }
);

export type Snapshot = { version: 1 | 2; entries: Entry[] };

const encode = (text: string | Buffer) => Buffer.from(text).toString('base64');
const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

function entryOf(key: string, value: StoredValue): Entry | null {
  const name = encode(key);
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    return { key: name, type: 'string', value: encode(value) };
  }
  if (Array.isArray(value)) return { key: name, type: 'list', value: value.map(encode) };
  if (value instanceof Set) return { key: name, type: 'set', value: [...value].map(encode) };
  if (value instanceof Map) {
    return {
      key: name,
      type: 'zset',
      value: [...value.values()].map((m) => [encode(m.value), formatDouble(m.score)]),
    };
  }
  return typeOf(value) === 'hash'
    ? {
        key: name,
        type: 'hash',
        value: Object.entries(value).map(([f, v]) => [encode(f), encode(v)]),
      }
    : null;
}

export function toSnapshot(store: MemoryStore): Snapshot {
  const entries: Entry[] = [];
  for (const key of store.data.keys()) {
    const value = store.data.get(key);
    const entry = value === undefined ? null : entryOf(key, value);
    if (!entry) continue;
    const expiresAt = store.expires.get(key);
    entries.push(expiresAt === undefined ? entry : { ...entry, expiresAt });
  }
  return { version: 2, entries };
}

function valueOf(entry: Entry): StoredValue {
  switch (entry.type) {
    case 'string':
      return decode(entry.value);
    case 'list':
      return entry.value.map(decode);
    case 'set':
      return new Set(entry.value.map(decode));
    case 'hash':
      return Object.fromEntries(entry.value.map(([f, v]) => [decode(f), decode(v)]));
    case 'zset':
      return new Map(
        entry.value.map(([member, score]) => {
          const value = decode(member);
          return [value, { value, score: parseDouble(score) ?? 0 }];
        }),
      );
  }
}

export function restoreSnapshot(snapshot: Snapshot, store: MemoryStore): void {
  const now = Date.now();
  for (const entry of snapshot.entries) {
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) continue;
    const key = decode(entry.key);
    store.data.set(key, valueOf(entry));
    if (entry.expiresAt !== undefined) store.expires.set(key, entry.expiresAt);
  }
}
