/**
 * The commands the in-memory backend implements, with Redis's semantics and
 * error messages. Keys, hash fields and set members are binary strings
 * (latin1), values are Buffers.
 */
import { ReplyError, type Reply } from './reply';

export type Entry =
  | { type: 'string'; value: Buffer }
  | { type: 'hash'; value: Map<string, Buffer> }
  | { type: 'list'; value: Buffer[] }
  | { type: 'set'; value: Set<string> };

export type Keyspace = {
  entries: Map<string, Entry>;
  /** Absolute expiry time in ms per key. */
  expiries: Map<string, number>;
  now: () => number;
};

type Handler = (db: Keyspace, args: Buffer[]) => Reply;
export type CommandSpec = { arity: number; write: boolean; run: Handler };

const OK = 'OK';
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

const wrongType = () =>
  new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value');
const notInteger = () => new ReplyError('ERR value is not an integer or out of range');
const syntaxError = () => new ReplyError('ERR syntax error');

const key = (b: Buffer) => b.toString('latin1');
const text = (b: Buffer | undefined) => (b ?? Buffer.alloc(0)).toString('utf8');

function parseInteger(raw: Buffer | undefined): bigint | null {
  const s = text(raw);
  if (!/^-?\d+$/.test(s) || (s.length > 1 && /^-?0/.test(s))) return null;
  const value = BigInt(s);
  return value > INT64_MAX || value < INT64_MIN ? null : value;
}

/** Reads a live key, dropping it first if it has expired. */
function lookup(db: Keyspace, name: string): Entry | undefined {
  const at = db.expiries.get(name);
  if (at !== undefined && at <= db.now()) {
    db.entries.delete(name);
    db.expiries.delete(name);
  }
  return db.entries.get(name);
}

function lookupAs<T extends Entry['type']>(
  db: Keyspace,
  name: string,
  type: T,
): Extract<Entry, { type: T }> | undefined | ReplyError {
  const entry = lookup(db, name);
  if (entry && entry.type !== type) return wrongType();
  return entry as Extract<Entry, { type: T }> | undefined;
}

function remove(db: Keyspace, name: string): boolean {
  const existed = lookup(db, name) !== undefined;
  db.entries.delete(name);
  db.expiries.delete(name);
  return existed;
}

function incrementBy(db: Keyspace, name: string, delta: bigint): Reply {
  const entry = lookupAs(db, name, 'string');
  if (entry instanceof ReplyError) return entry;
  const current = entry ? parseInteger(entry.value) : 0n;
  if (current === null) return notInteger();
  const next = current + delta;
  if (next > INT64_MAX || next < INT64_MIN) {
    return new ReplyError('ERR increment or decrement would overflow');
  }
  const value = Buffer.from(next.toString());
  if (entry) entry.value = value;
  else db.entries.set(name, { type: 'string', value });
  return Number(next);
}

function setCommand(db: Keyspace, args: Buffer[]): Reply {
  const [rawKey, value, ...options] = args as [Buffer, Buffer, ...Buffer[]];
  const name = key(rawKey);
  let nx = false;
  let xx = false;
  let get = false;
  let keepTtl = false;
  let expireAt: number | undefined;
  for (let i = 0; i < options.length; i++) {
    const option = text(options[i]).toLowerCase();
    if (option === 'nx' && !xx) nx = true;
    else if (option === 'xx' && !nx) xx = true;
    else if (option === 'get') get = true;
    else if (option === 'keepttl' && expireAt === undefined) keepTtl = true;
    else if (['ex', 'px', 'exat', 'pxat'].includes(option) && expireAt === undefined && !keepTtl) {
      const amount = parseInteger(options[++i]);
      if (amount === null) return notInteger();
      if (amount <= 0n) return new ReplyError("ERR invalid expire time in 'set' command");
      const n = Number(amount);
      expireAt =
        option === 'ex'
          ? db.now() + n * 1000
          : option === 'px'
            ? db.now() + n
            : option === 'exat'
              ? n * 1000
              : n;
    } else return syntaxError();
  }
  const existing = lookup(db, name);
  if (get && existing && existing.type !== 'string') return wrongType();
  const previous = get && existing?.type === 'string' ? existing.value : null;
  if ((nx && existing) || (xx && !existing)) return get ? previous : null;
  db.entries.set(name, { type: 'string', value: Buffer.from(value) });
  if (expireAt !== undefined) db.expiries.set(name, expireAt);
  else if (!keepTtl) db.expiries.delete(name);
  return get ? previous : OK;
}

function expireCommand(unitMs: number): Handler {
  return (db, [rawKey, rawAmount, rawFlag]) => {
    const amount = parseInteger(rawAmount);
    if (amount === null) return notInteger();
    const name = key(rawKey!);
    if (!lookup(db, name)) return 0;
    const flag = rawFlag ? text(rawFlag).toLowerCase() : '';
    const at = db.now() + Number(amount) * unitMs;
    const current = db.expiries.get(name);
    if (flag === 'nx' && current !== undefined) return 0;
    if (flag === 'xx' && current === undefined) return 0;
    if (flag === 'gt' && (current === undefined || at <= current)) return 0;
    if (flag === 'lt' && current !== undefined && at >= current) return 0;
    if (flag && !['nx', 'xx', 'gt', 'lt'].includes(flag)) {
      return new ReplyError(`ERR Unsupported option ${text(rawFlag)}`);
    }
    if (at <= db.now()) remove(db, name);
    else db.expiries.set(name, at);
    return 1;
  };
}

function ttlCommand(unitMs: number): Handler {
  return (db, [rawKey]) => {
    const name = key(rawKey!);
    if (!lookup(db, name)) return -2;
    const at = db.expiries.get(name);
    if (at === undefined) return -1;
    return Math.round((at - db.now()) / unitMs);
  };
}

function pushCommand(front: boolean): Handler {
  return (db, [rawKey, ...values]) => {
    const name = key(rawKey!);
    const entry = lookupAs(db, name, 'list');
    if (entry instanceof ReplyError) return entry;
    const list = entry?.value ?? [];
    for (const value of values) {
      if (front) list.unshift(Buffer.from(value));
      else list.push(Buffer.from(value));
    }
    if (!entry) db.entries.set(name, { type: 'list', value: list });
    return list.length;
  };
}

function listIndex(raw: number, length: number): number {
  return raw < 0 ? length + raw : raw;
}

export const COMMANDS: Record<string, CommandSpec> = {
  ping: {
    arity: -1,
    write: false,
    run: (_db, [message]) => (message ? Buffer.from(message) : 'PONG'),
  },
  echo: { arity: 2, write: false, run: (_db, [message]) => Buffer.from(message!) },
  dbsize: {
    arity: 1,
    write: false,
    run: (db) => [...db.entries.keys()].filter((name) => lookup(db, name)).length,
  },
  flushall: { arity: -1, write: true, run: (db) => (db.entries.clear(), db.expiries.clear(), OK) },
  flushdb: { arity: -1, write: true, run: (db) => (db.entries.clear(), db.expiries.clear(), OK) },

  get: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'string');
      return entry instanceof ReplyError ? entry : (entry?.value ?? null);
    },
  },
  getdel: {
    arity: 2,
    write: true,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'string');
      if (entry instanceof ReplyError || !entry) return entry ?? null;
      remove(db, key(rawKey!));
      return entry.value;
    },
  },
  mget: {
    arity: -2,
    write: false,
    run: (db, keys) =>
      keys.map((rawKey) => {
        const entry = lookup(db, key(rawKey));
        return entry?.type === 'string' ? entry.value : null;
      }),
  },
  set: { arity: -3, write: true, run: setCommand },
  setnx: {
    arity: 3,
    write: true,
    run: (db, [rawKey, value]) =>
      setCommand(db, [rawKey!, value!, Buffer.from('nx')]) === OK ? 1 : 0,
  },
  mset: {
    arity: -3,
    write: true,
    run: (db, args) => {
      if (args.length % 2 !== 0)
        return new ReplyError("ERR wrong number of arguments for 'mset' command");
      for (let i = 0; i < args.length; i += 2) setCommand(db, [args[i]!, args[i + 1]!]);
      return OK;
    },
  },
  strlen: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'string');
      return entry instanceof ReplyError ? entry : (entry?.value.length ?? 0);
    },
  },
  incr: { arity: 2, write: true, run: (db, [rawKey]) => incrementBy(db, key(rawKey!), 1n) },
  decr: { arity: 2, write: true, run: (db, [rawKey]) => incrementBy(db, key(rawKey!), -1n) },
  incrby: {
    arity: 3,
    write: true,
    run: (db, [rawKey, rawDelta]) => {
      const delta = parseInteger(rawDelta);
      return delta === null ? notInteger() : incrementBy(db, key(rawKey!), delta);
    },
  },
  decrby: {
    arity: 3,
    write: true,
    run: (db, [rawKey, rawDelta]) => {
      const delta = parseInteger(rawDelta);
      return delta === null ? notInteger() : incrementBy(db, key(rawKey!), -delta);
    },
  },

  del: { arity: -2, write: true, run: (db, keys) => keys.filter((k) => remove(db, key(k))).length },
  exists: {
    arity: -2,
    write: false,
    run: (db, keys) => keys.filter((k) => lookup(db, key(k))).length,
  },
  type: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => lookup(db, key(rawKey!))?.type ?? 'none',
  },
  expire: { arity: -3, write: true, run: expireCommand(1000) },
  pexpire: { arity: -3, write: true, run: expireCommand(1) },
  ttl: { arity: 2, write: false, run: ttlCommand(1000) },
  pttl: { arity: 2, write: false, run: ttlCommand(1) },
  persist: {
    arity: 2,
    write: true,
    run: (db, [rawKey]) => {
      const name = key(rawKey!);
      return lookup(db, name) && db.expiries.delete(name) ? 1 : 0;
    },
  },

  hset: {
    arity: -4,
    write: true,
    run: (db, [rawKey, ...pairs]) => {
      if (pairs.length % 2 !== 0)
        return new ReplyError("ERR wrong number of arguments for 'hset' command");
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'hash');
      if (entry instanceof ReplyError) return entry;
      const hash = entry?.value ?? new Map<string, Buffer>();
      let added = 0;
      for (let i = 0; i < pairs.length; i += 2) {
        const field = key(pairs[i]!);
        if (!hash.has(field)) added++;
        hash.set(field, Buffer.from(pairs[i + 1]!));
      }
      if (!entry) db.entries.set(name, { type: 'hash', value: hash });
      return added;
    },
  },
  hsetnx: {
    arity: 4,
    write: true,
    run: (db, [rawKey, rawField, value]) => {
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'hash');
      if (entry instanceof ReplyError) return entry;
      const field = key(rawField!);
      if (entry?.value.has(field)) return 0;
      if (entry) entry.value.set(field, Buffer.from(value!));
      else db.entries.set(name, { type: 'hash', value: new Map([[field, Buffer.from(value!)]]) });
      return 1;
    },
  },
  hget: {
    arity: 3,
    write: false,
    run: (db, [rawKey, rawField]) => {
      const entry = lookupAs(db, key(rawKey!), 'hash');
      return entry instanceof ReplyError ? entry : (entry?.value.get(key(rawField!)) ?? null);
    },
  },
  hmget: {
    arity: -3,
    write: false,
    run: (db, [rawKey, ...fields]) => {
      const entry = lookupAs(db, key(rawKey!), 'hash');
      if (entry instanceof ReplyError) return entry;
      return fields.map((f) => entry?.value.get(key(f)) ?? null);
    },
  },
  hgetall: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'hash');
      if (entry instanceof ReplyError) return entry;
      return [...(entry?.value ?? [])].flatMap(([field, value]) => [
        Buffer.from(field, 'latin1'),
        value,
      ]);
    },
  },
  hdel: {
    arity: -3,
    write: true,
    run: (db, [rawKey, ...fields]) => {
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'hash');
      if (entry instanceof ReplyError || !entry) return entry ?? 0;
      const removed = fields.filter((f) => entry.value.delete(key(f))).length;
      if (entry.value.size === 0) remove(db, name);
      return removed;
    },
  },
  hexists: {
    arity: 3,
    write: false,
    run: (db, [rawKey, rawField]) => {
      const entry = lookupAs(db, key(rawKey!), 'hash');
      return entry instanceof ReplyError ? entry : entry?.value.has(key(rawField!)) ? 1 : 0;
    },
  },
  hlen: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'hash');
      return entry instanceof ReplyError ? entry : (entry?.value.size ?? 0);
    },
  },
  hincrby: {
    arity: 4,
    write: true,
    run: (db, [rawKey, rawField, rawDelta]) => {
      const delta = parseInteger(rawDelta);
      if (delta === null) return notInteger();
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'hash');
      if (entry instanceof ReplyError) return entry;
      const field = key(rawField!);
      const raw = entry?.value.get(field);
      const current = raw ? parseInteger(raw) : 0n;
      if (current === null) return new ReplyError('ERR hash value is not an integer');
      const next = current + delta;
      if (next > INT64_MAX || next < INT64_MIN) {
        return new ReplyError('ERR increment or decrement would overflow');
      }
      const hash = entry?.value ?? new Map<string, Buffer>();
      hash.set(field, Buffer.from(next.toString()));
      if (!entry) db.entries.set(name, { type: 'hash', value: hash });
      return Number(next);
    },
  },

  lpush: { arity: -3, write: true, run: pushCommand(true) },
  rpush: { arity: -3, write: true, run: pushCommand(false) },
  llen: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'list');
      return entry instanceof ReplyError ? entry : (entry?.value.length ?? 0);
    },
  },
  lrange: {
    arity: 4,
    write: false,
    run: (db, [rawKey, rawStart, rawStop]) => {
      const start = parseInteger(rawStart);
      const stop = parseInteger(rawStop);
      if (start === null || stop === null) return notInteger();
      const entry = lookupAs(db, key(rawKey!), 'list');
      if (entry instanceof ReplyError) return entry;
      const list = entry?.value ?? [];
      const from = Math.max(0, listIndex(Number(start), list.length));
      const to = Math.min(list.length - 1, listIndex(Number(stop), list.length));
      return from > to ? [] : list.slice(from, to + 1);
    },
  },

  lrem: {
    arity: 4,
    write: true,
    run: (db, [rawKey, rawCount, element]) => {
      const count = parseInteger(rawCount);
      if (count === null) return notInteger();
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'list');
      if (entry instanceof ReplyError || !entry) return entry ?? 0;
      const target = Buffer.from(element!);
      const limit = count === 0n ? Infinity : Number(count < 0n ? -count : count);
      const order = count < 0n ? [...entry.value.keys()].reverse() : [...entry.value.keys()];
      const drop = new Set<number>();
      for (const i of order) {
        if (drop.size >= limit) break;
        if (entry.value[i]!.equals(target)) drop.add(i);
      }
      entry.value = entry.value.filter((_, i) => !drop.has(i));
      if (entry.value.length === 0) remove(db, name);
      return drop.size;
    },
  },

  sadd: {
    arity: -3,
    write: true,
    run: (db, [rawKey, ...members]) => {
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'set');
      if (entry instanceof ReplyError) return entry;
      const set = entry?.value ?? new Set<string>();
      const before = set.size;
      for (const member of members) set.add(key(member));
      if (!entry) db.entries.set(name, { type: 'set', value: set });
      return set.size - before;
    },
  },
  srem: {
    arity: -3,
    write: true,
    run: (db, [rawKey, ...members]) => {
      const name = key(rawKey!);
      const entry = lookupAs(db, name, 'set');
      if (entry instanceof ReplyError || !entry) return entry ?? 0;
      const removed = members.filter((m) => entry.value.delete(key(m))).length;
      if (entry.value.size === 0) remove(db, name);
      return removed;
    },
  },
  sismember: {
    arity: 3,
    write: false,
    run: (db, [rawKey, member]) => {
      const entry = lookupAs(db, key(rawKey!), 'set');
      return entry instanceof ReplyError ? entry : entry?.value.has(key(member!)) ? 1 : 0;
    },
  },
  smembers: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'set');
      if (entry instanceof ReplyError) return entry;
      return [...(entry?.value ?? [])].map((m) => Buffer.from(m, 'latin1'));
    },
  },
  scard: {
    arity: 2,
    write: false,
    run: (db, [rawKey]) => {
      const entry = lookupAs(db, key(rawKey!), 'set');
      return entry instanceof ReplyError ? entry : (entry?.value.size ?? 0);
    },
  },
};

/** The error for a command this backend does not run, or runs with the wrong arity; null if fine. */
export function checkCommand(name: string, argCount: number): ReplyError | null {
  const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!spec) {
    return new ReplyError(
      `ERR unknown command '${name}': the in-memory backend implements ${Object.keys(COMMANDS).join(', ')}`,
    );
  }
  const total = argCount + 1;
  if ((spec.arity > 0 && total !== spec.arity) || (spec.arity < 0 && total < -spec.arity)) {
    return new ReplyError(`ERR wrong number of arguments for '${name}' command`);
  }
  return null;
}
