/**
 * Commands the in-memory backend runs itself, or checks before ioredis-mock
 * runs them, where ioredis-mock differs from Redis:
 *
 * - INCR/INCRBY/DECR/DECRBY/HINCRBY count in JavaScript numbers: "x" + 1 is
 *   NaN, "1.5" + 1 is 2.5, and 64-bit values lose digits instead of overflowing.
 * - SET ignores KEEPTTL, takes any option word, and takes EX 0 or EX abc.
 * - SETEX/PSETEX take expiry times of 0 or less.
 * - EXPIRE and friends ignore NX/XX/GT/LT.
 * - MGET returns a hash or list as if it were a string.
 * - SCAN has no TYPE and matches with a looser glob than KEYS.
 * - TTL rounds up where Redis rounds to the nearest second.
 * - STRLEN, HSTRLEN and APPEND count characters where Redis counts bytes.
 */
import { typeOf, type MemoryStore } from './memory-store';
import * as sortedSets from './memory-sorted-sets';
import { INT64_MAX, INT64_MIN, parseInt64 } from './redis-numbers';
import { ReplyError, type Reply } from './reply';

export type Override = (store: MemoryStore, args: string[], name: string) => Reply;

const notInteger = () => new ReplyError('ERR value is not an integer or out of range');
const syntaxError = () => new ReplyError('ERR syntax error');
const invalidExpire = (name: string) =>
  new ReplyError(`ERR invalid expire time in '${name}' command`);

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return Buffer.isBuffer(value) ? value.toString('utf8') : null;
}

function incrementBy(store: MemoryStore, key: string, delta: bigint | null): Reply {
  if (delta === null) return notInteger();
  const stored = store.data.get(key);
  const current = stored === undefined ? 0n : parseInt64(asText(stored) ?? undefined);
  if (current === null) return notInteger();
  const next = current + delta;
  if (next > INT64_MAX || next < INT64_MIN) {
    return new ReplyError('ERR increment or decrement would overflow');
  }
  // Written straight to the keyspace, which keeps the key's expiry as INCR does.
  store.data.set(key, next.toString());
  return Number(next);
}

function hincrby(store: MemoryStore, [key, field, rawDelta]: string[]): Reply {
  const delta = parseInt64(rawDelta);
  if (delta === null) return notInteger();
  const stored = store.data.get(key!);
  const hash = stored && typeOf(stored) === 'hash' ? (stored as Record<string, string>) : {};
  const raw = hash[field!];
  const current = raw === undefined ? 0n : parseInt64(raw);
  if (current === null) return new ReplyError('ERR hash value is not an integer');
  const next = current + delta;
  if (next > INT64_MAX || next < INT64_MIN) {
    return new ReplyError('ERR increment or decrement would overflow');
  }
  store.data.set(key!, { ...hash, [field!]: next.toString() });
  return Number(next);
}

function set(store: MemoryStore, args: string[]): Reply {
  const [key, , ...options] = args;
  const seen = new Set<string>();
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    const expiry = ['EX', 'PX', 'EXAT', 'PXAT'].includes(option);
    const conflicts =
      (option === 'NX' && seen.has('XX')) ||
      (option === 'XX' && seen.has('NX')) ||
      ((expiry || option === 'KEEPTTL') && (seen.has('expiry') || seen.has('KEEPTTL')));
    if (conflicts || !(expiry || ['NX', 'XX', 'GET', 'KEEPTTL'].includes(option))) {
      return syntaxError();
    }
    seen.add(expiry ? 'expiry' : option);
    if (expiry) {
      if (i + 1 === options.length) return syntaxError();
      const amount = parseInt64(options[++i]);
      if (amount === null) return notInteger();
      if (amount <= 0n) return invalidExpire('set');
    }
  }
  const existing = typeOf(store.data.get(key!));
  if (seen.has('GET') && existing && existing !== 'string') {
    return new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value');
  }
  const kept = seen.has('KEEPTTL') ? store.expires.get(key!) : undefined;
  const result = store.call(
    'set',
    args.filter((arg, i) => i < 2 || arg !== 'KEEPTTL'),
  );
  if (kept !== undefined && store.data.has(key!)) store.expires.set(key!, kept);
  if (seen.has('GET')) return result === null ? null : Buffer.from(asText(result) ?? '');
  return result === null ? null : 'OK';
}

function setWithExpiry(store: MemoryStore, args: string[], name: string): Reply {
  if (parseInt64(args[1])! <= 0n) return invalidExpire(name);
  store.call(name, args);
  return 'OK';
}

function expire(unitMs: number, absolute: boolean): Override {
  return (store, [key, rawAmount, ...flags]) => {
    const amount = Number(parseInt64(rawAmount));
    for (const flag of flags) {
      if (!['NX', 'XX', 'GT', 'LT'].includes(flag)) {
        return new ReplyError(`ERR Unsupported option ${flag}`);
      }
    }
    const has = (flag: string) => flags.includes(flag);
    if (has('NX') && (has('XX') || has('GT') || has('LT'))) {
      return new ReplyError('ERR NX and XX, GT or LT options at the same time are not compatible');
    }
    if (has('GT') && has('LT')) {
      return new ReplyError('ERR GT and LT options at the same time are not compatible');
    }
    if (!store.data.has(key!)) return 0;
    const at = (absolute ? 0 : Date.now()) + amount * unitMs;
    const current = store.expires.has(key!) ? store.expires.get(key!) : undefined;
    if (has('NX') && current !== undefined) return 0;
    if (has('XX') && current === undefined) return 0;
    // No expiry counts as an infinite one for GT and LT.
    if (has('GT') && (current === undefined || at <= current)) return 0;
    if (has('LT') && current !== undefined && at >= current) return 0;
    if (at <= Date.now()) store.data.delete(key!);
    else store.expires.set(key!, at);
    return 1;
  };
}

/** Redis counts bytes; ioredis-mock counts JavaScript characters (5 for "héllo", not 6). */
function strlen(store: MemoryStore, [key]: string[]): Reply {
  return Buffer.byteLength(asText(store.data.get(key!)) ?? '');
}

function hstrlen(store: MemoryStore, [key, field]: string[]): Reply {
  const stored = store.data.get(key!);
  const hash = stored && typeOf(stored) === 'hash' ? (stored as Record<string, string>) : {};
  return Buffer.byteLength(hash[field!] ?? '');
}

function append(store: MemoryStore, args: string[]): Reply {
  store.call('append', args);
  return strlen(store, args);
}

/** Redis rounds the remaining time to the nearest second; ioredis-mock rounds up. */
function ttl(store: MemoryStore, [key]: string[]): Reply {
  if (!store.data.has(key!)) return -2;
  const at = store.expires.get(key!);
  return at === undefined ? -1 : Math.floor((at - Date.now() + 500) / 1000);
}

function mget(store: MemoryStore, keys: string[]): Reply {
  return keys.map((key) => {
    const text = asText(store.data.get(key));
    return text === null ? null : Buffer.from(text);
  });
}

function scan(store: MemoryStore, [rawCursor, ...options]: string[]): Reply {
  let pattern: string | undefined;
  let count = 10;
  let type: string | undefined;
  for (let i = 0; i < options.length; i += 2) {
    const value = options[i + 1];
    if (value === undefined) return syntaxError();
    if (options[i] === 'MATCH') pattern = value;
    else if (options[i] === 'TYPE') type = value.toLowerCase();
    else if (options[i] === 'COUNT') {
      const parsed = parseInt64(value);
      if (parsed === null) return notInteger();
      if (parsed < 1n) return syntaxError();
      count = Number(parsed);
    } else return syntaxError();
  }
  // The cursor is a position in the key list, which is in insertion order.
  const cursor = Number(parseInt64(rawCursor));
  const keys = store.data.keys();
  const page = keys.slice(cursor, cursor + count);
  const next = cursor + count >= keys.length ? 0 : cursor + count;
  // KEYS is ioredis-mock's faithful port of Redis's glob matcher.
  const matching =
    pattern === undefined ? null : new Set(store.call('keys', [pattern]) as string[]);
  const found = page.filter(
    (key) => (!matching || matching.has(key)) && (!type || typeOf(store.data.get(key)) === type),
  );
  return [Buffer.from(String(next)), found.map((key) => Buffer.from(key))];
}

export const OVERRIDES: Record<string, Override | undefined> = {
  set,
  setex: setWithExpiry,
  psetex: setWithExpiry,
  incr: (store, [key]) => incrementBy(store, key!, 1n),
  decr: (store, [key]) => incrementBy(store, key!, -1n),
  incrby: (store, [key, delta]) => incrementBy(store, key!, parseInt64(delta)),
  decrby: (store, [key, delta]) => {
    const parsed = parseInt64(delta);
    if (parsed === INT64_MIN) return new ReplyError('ERR decrement would overflow');
    return incrementBy(store, key!, parsed === null ? null : -parsed);
  },
  ttl,
  strlen,
  hstrlen,
  append,
  hincrby,
  expire: expire(1000, false),
  pexpire: expire(1, false),
  expireat: expire(1000, true),
  pexpireat: expire(1, true),
  mget,
  scan,
  zadd: sortedSets.zadd,
  zincrby: sortedSets.zincrby,
  zscore: sortedSets.zscore,
  zcount: sortedSets.zcount,
  zrange: sortedSets.zrange,
  zrevrange: sortedSets.zrevrange,
  zrangebyscore: sortedSets.zrangebyscore,
  zrevrangebyscore: sortedSets.zrevrangebyscore,
};
