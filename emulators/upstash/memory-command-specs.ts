/**
 * What the in-memory backend checks before handing a command to
 * ioredis-mock, which checks almost nothing itself: the type each key must
 * hold (WRONGTYPE), which arguments must be integers, and which words are
 * options (ioredis-mock only knows them in upper case; Redis takes any case).
 */
import type { StoredType } from './memory-store';

export type OptionWords = {
  /** Position of the first argument that may be an option. */
  from: number;
  /** Options on their own. */
  flags?: readonly string[];
  /** Options followed by one value. */
  valued?: readonly string[];
  /** Options followed by two values (LIMIT offset count). */
  pairs?: readonly string[];
  /** Options lead the arguments (ZADD): the first other word ends them. */
  leading?: boolean;
};

export type CommandSpec = {
  /** Every key of the command must hold this type or not exist. */
  type?: StoredType;
  /** The first key is written over whatever it holds (…STORE destinations). */
  overwritesFirstKey?: boolean;
  options?: OptionWords;
  /** Positions of arguments that must be 64-bit integers (checked when present). */
  integers?: readonly number[];
  /** Positions of counts that must not be negative (checked when present). */
  counts?: readonly number[];
  /** Position of a SCAN cursor. */
  cursor?: number;
  /** Arguments from this position on come in pairs (field value …). */
  pairsFrom?: number;
  /** The command answers a status reply (`OK`), not a bulk string. */
  status?: boolean;
};

const SCAN_OPTIONS = { valued: ['MATCH', 'COUNT', 'TYPE'] } as const;
const EXPIRE_OPTIONS: OptionWords = { from: 2, flags: ['NX', 'XX', 'GT', 'LT'] };

export const SPECS: Record<string, CommandSpec | undefined> = {
  ping: {},
  echo: {},
  dbsize: {},
  flushall: { status: true },
  flushdb: { status: true },
  time: {},
  keys: {},
  scan: { options: { from: 1, ...SCAN_OPTIONS }, cursor: 0 },

  get: { type: 'string' },
  set: {
    status: true,
    options: {
      from: 2,
      flags: ['NX', 'XX', 'GET', 'KEEPTTL'],
      valued: ['EX', 'PX', 'EXAT', 'PXAT'],
    },
  },
  setnx: {},
  setex: { status: true, integers: [1] },
  psetex: { status: true, integers: [1] },
  getdel: { type: 'string' },
  getset: { type: 'string' },
  mget: {},
  mset: { status: true, pairsFrom: 0 },
  msetnx: { pairsFrom: 0 },
  strlen: { type: 'string' },
  append: { type: 'string' },
  getrange: { type: 'string', integers: [1, 2] },
  incr: { type: 'string' },
  incrby: { type: 'string', integers: [1] },
  decr: { type: 'string' },
  decrby: { type: 'string', integers: [1] },
  incrbyfloat: { type: 'string' },

  del: {},
  unlink: {},
  exists: {},
  type: { status: true },
  expire: { options: EXPIRE_OPTIONS, integers: [1] },
  pexpire: { options: EXPIRE_OPTIONS, integers: [1] },
  expireat: { options: EXPIRE_OPTIONS, integers: [1] },
  pexpireat: { options: EXPIRE_OPTIONS, integers: [1] },
  ttl: {},
  pttl: {},
  persist: {},
  rename: { status: true },

  hset: { type: 'hash', pairsFrom: 1 },
  hmset: { type: 'hash', pairsFrom: 1, status: true },
  hsetnx: { type: 'hash' },
  hget: { type: 'hash' },
  hmget: { type: 'hash' },
  hgetall: { type: 'hash' },
  hdel: { type: 'hash' },
  hexists: { type: 'hash' },
  hlen: { type: 'hash' },
  hkeys: { type: 'hash' },
  hvals: { type: 'hash' },
  hstrlen: { type: 'hash' },
  hincrby: { type: 'hash', integers: [2] },
  hincrbyfloat: { type: 'hash' },
  hscan: { type: 'hash', options: { from: 2, ...SCAN_OPTIONS }, cursor: 1 },

  lpush: { type: 'list' },
  rpush: { type: 'list' },
  lpushx: { type: 'list' },
  rpushx: { type: 'list' },
  llen: { type: 'list' },
  lrange: { type: 'list', integers: [1, 2] },
  lindex: { type: 'list', integers: [1] },
  lset: { type: 'list', integers: [1], status: true },
  lpop: { type: 'list', integers: [1], counts: [1] },
  rpop: { type: 'list', integers: [1], counts: [1] },
  lrem: { type: 'list', integers: [1] },
  ltrim: { type: 'list', integers: [1, 2], status: true },
  linsert: { type: 'list', options: { from: 1, flags: ['BEFORE', 'AFTER'] } },
  lpos: { type: 'list', options: { from: 2, valued: ['RANK', 'COUNT', 'MAXLEN'] } },
  rpoplpush: { type: 'list' },
  lmove: { type: 'list', options: { from: 2, flags: ['LEFT', 'RIGHT'] } },

  sadd: { type: 'set' },
  srem: { type: 'set' },
  sismember: { type: 'set' },
  smismember: { type: 'set' },
  smembers: { type: 'set' },
  scard: { type: 'set' },
  spop: { type: 'set', integers: [1] },
  srandmember: { type: 'set', integers: [1] },
  smove: { type: 'set' },
  sinter: { type: 'set' },
  sunion: { type: 'set' },
  sdiff: { type: 'set' },
  sinterstore: { type: 'set', overwritesFirstKey: true },
  sunionstore: { type: 'set', overwritesFirstKey: true },
  sdiffstore: { type: 'set', overwritesFirstKey: true },
  sscan: { type: 'set', options: { from: 2, ...SCAN_OPTIONS }, cursor: 1 },

  zadd: {
    type: 'zset',
    options: { from: 1, flags: ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR'], leading: true },
  },
  zrange: {
    type: 'zset',
    options: { from: 3, flags: ['BYSCORE', 'BYLEX', 'REV', 'WITHSCORES'], pairs: ['LIMIT'] },
  },
  zrevrange: { type: 'zset', options: { from: 3, flags: ['WITHSCORES'] }, integers: [1, 2] },
  zrangebyscore: {
    type: 'zset',
    options: { from: 3, flags: ['WITHSCORES'], pairs: ['LIMIT'] },
  },
  zrevrangebyscore: {
    type: 'zset',
    options: { from: 3, flags: ['WITHSCORES'], pairs: ['LIMIT'] },
  },
  zrangebylex: { type: 'zset', options: { from: 3, pairs: ['LIMIT'] } },
  zrevrangebylex: { type: 'zset', options: { from: 3, pairs: ['LIMIT'] } },
  zrem: { type: 'zset' },
  zcard: { type: 'zset' },
  zscore: { type: 'zset' },
  zmscore: { type: 'zset' },
  zincrby: { type: 'zset' },
  zcount: { type: 'zset' },
  zrank: { type: 'zset' },
  zrevrank: { type: 'zset' },
  zpopmin: { type: 'zset', integers: [1] },
  zpopmax: { type: 'zset', integers: [1] },
  zremrangebyrank: { type: 'zset', integers: [1, 2] },
  zscan: { type: 'zset', options: { from: 2, ...SCAN_OPTIONS }, cursor: 1 },

  eval: {},
  evalsha: {},
  script: {},
};

/** Upper-cases the option words of a command, leaving keys, values and their arguments alone. */
export function normalizeOptions(options: OptionWords, args: string[]): string[] {
  const out = [...args];
  const flags = new Set(options.flags);
  const valued = new Set(options.valued);
  const pairs = new Set(options.pairs);
  for (let i = options.from; i < out.length; i++) {
    const word = out[i]!.toUpperCase();
    if (flags.has(word)) out[i] = word;
    else if (valued.has(word)) out[i++] = word;
    else if (pairs.has(word)) {
      out[i] = word;
      i += 2;
    } else if (options.leading) break;
  }
  return out;
}
