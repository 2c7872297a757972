/**
 * Sorted-set commands the in-memory backend runs itself, on ioredis-mock's
 * storage (a Map of member → {score, value}). ioredis-mock reads score
 * bounds with parseInt (`(1.5` becomes 1), cannot store `inf`, has no ZADD
 * GT/LT, counts CH wrongly and answers ZADD INCR with a count.
 */
import type { MemoryStore } from './memory-store';
import {
  formatDouble,
  parseDouble,
  parseInt64,
  parseScoreBound,
  type ScoreBound,
} from './redis-numbers';
import { ReplyError, type Reply } from './reply';

type Member = { score: number; value: string };
type SortedSet = Map<string, Member>;

const notFloat = () => new ReplyError('ERR value is not a valid float');
const notInteger = () => new ReplyError('ERR value is not an integer or out of range');
const syntaxError = () => new ReplyError('ERR syntax error');
const nanScore = () => new ReplyError('ERR resulting score is not a number (NaN)');

function read(store: MemoryStore, key: string): SortedSet {
  const value = store.data.get(key);
  return value instanceof Map ? value : new Map();
}

/** Redis's order: by score, then by member bytes. */
function compare(a: Member, b: Member): number {
  return a.score - b.score || Buffer.compare(Buffer.from(a.value), Buffer.from(b.value));
}

function sorted(set: SortedSet): Member[] {
  return [...set.values()].sort(compare);
}

export function zadd(store: MemoryStore, [key, ...args]: string[]): Reply {
  const flags = new Set<string>();
  while (['NX', 'XX', 'GT', 'LT', 'CH', 'INCR'].includes(args[0] ?? '')) flags.add(args.shift()!);
  if (args.length === 0 || args.length % 2 !== 0) return syntaxError();
  if (flags.has('NX') && flags.has('XX')) {
    return new ReplyError('ERR XX and NX options at the same time are not compatible');
  }
  if (
    (flags.has('GT') && flags.has('LT')) ||
    (flags.has('NX') && (flags.has('GT') || flags.has('LT')))
  ) {
    return new ReplyError('ERR GT, LT, and/or NX options at the same time are not compatible');
  }
  if (flags.has('INCR') && args.length > 2) {
    return new ReplyError('ERR INCR option supports a single increment-element pair');
  }
  const scores: number[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const score = parseDouble(args[i]);
    if (score === null) return notFloat();
    scores.push(score);
  }
  const set = read(store, key!);
  let added = 0;
  let changed = 0;
  let result: number | null = null;
  for (let i = 0; i < args.length; i += 2) {
    const value = args[i + 1]!;
    const current = set.get(value);
    let score = scores[i / 2]!;
    if (flags.has('INCR')) score += current?.score ?? 0;
    if (Number.isNaN(score)) return nanScore();
    if (current) {
      if (flags.has('NX')) continue;
      if (flags.has('GT') && score <= current.score) continue;
      if (flags.has('LT') && score >= current.score) continue;
      if (score !== current.score) changed++;
    } else {
      if (flags.has('XX')) continue;
      added++;
    }
    set.set(value, { score, value });
    result = score;
  }
  if (added + changed > 0) store.data.set(key!, set);
  if (flags.has('INCR')) return result === null ? null : Buffer.from(formatDouble(result));
  return flags.has('CH') ? added + changed : added;
}

export function zincrby(store: MemoryStore, [key, rawIncrement, value]: string[]): Reply {
  const increment = parseDouble(rawIncrement);
  if (increment === null) return notFloat();
  const set = read(store, key!);
  const score = (set.get(value!)?.score ?? 0) + increment;
  if (Number.isNaN(score)) return nanScore();
  set.set(value!, { score, value: value! });
  store.data.set(key!, set);
  return Buffer.from(formatDouble(score));
}

export function zscore(store: MemoryStore, [key, value]: string[]): Reply {
  const member = read(store, key!).get(value!);
  return member ? Buffer.from(formatDouble(member.score)) : null;
}

function inScoreRange(min: ScoreBound, max: ScoreBound): (member: Member) => boolean {
  return ({ score }) =>
    (min.exclusive ? score > min.value : score >= min.value) &&
    (max.exclusive ? score < max.value : score <= max.value);
}

export function zcount(store: MemoryStore, [key, rawMin, rawMax]: string[]): Reply {
  const min = parseScoreBound(rawMin);
  const max = parseScoreBound(rawMax);
  if (!min || !max) return new ReplyError('ERR min or max is not a float');
  return [...read(store, key!).values()].filter(inScoreRange(min, max)).length;
}

type LexBound = { value: string; exclusive: boolean } | '-' | '+';

function parseLexBound(text: string): LexBound | null {
  if (text === '-' || text === '+') return text;
  if (text.startsWith('(') || text.startsWith('[')) {
    return { value: text.slice(1), exclusive: text.startsWith('(') };
  }
  return null;
}

function inLexRange(min: LexBound, max: LexBound): (member: Member) => boolean {
  const order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const above = (value: string) =>
    min === '-' ||
    (min !== '+' && (min.exclusive ? order(value, min.value) > 0 : order(value, min.value) >= 0));
  const below = (value: string) =>
    max === '+' ||
    (max !== '-' && (max.exclusive ? order(value, max.value) < 0 : order(value, max.value) <= 0));
  return ({ value }) => above(value) && below(value);
}

type RangeForm = { by: 'rank' | 'score' | 'lex'; reverse: boolean };

/**
 * ZRANGE in all its forms; ZREVRANGE, ZRANGEBYSCORE and ZREVRANGEBYSCORE are
 * ZRANGE with the form fixed. Reversed score and lex ranges take max first.
 */
function range(store: MemoryStore, args: string[], fixed: RangeForm | null): Reply {
  const [key, rawStart, rawStop, ...options] = args;
  const form: RangeForm = fixed ? { ...fixed } : { by: 'rank', reverse: false };
  let withScores = false;
  let limit: { offset: number; count: number } | null = null;
  for (let i = 0; i < options.length; i++) {
    const option = options[i];
    if (option === 'WITHSCORES') withScores = true;
    else if (option === 'LIMIT' && i + 2 < options.length) {
      const offset = parseInt64(options[i + 1]);
      const count = parseInt64(options[i + 2]);
      if (offset === null || count === null) return notInteger();
      limit = { offset: Number(offset), count: Number(count) };
      i += 2;
    } else if (!fixed && option === 'BYSCORE') form.by = 'score';
    else if (!fixed && option === 'BYLEX') form.by = 'lex';
    else if (!fixed && option === 'REV') form.reverse = true;
    else return syntaxError();
  }
  if (limit && form.by === 'rank') {
    return new ReplyError(
      'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
    );
  }
  if (withScores && form.by === 'lex') {
    return new ReplyError('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  }

  const all = sorted(read(store, key!));
  if (form.reverse) all.reverse();
  let picked: Member[];
  if (form.by === 'rank') {
    const start = parseInt64(rawStart);
    const stop = parseInt64(rawStop);
    if (start === null || stop === null) return notInteger();
    const from = Math.max(0, start < 0n ? all.length + Number(start) : Number(start));
    const to = Math.min(all.length - 1, stop < 0n ? all.length + Number(stop) : Number(stop));
    picked = from > to ? [] : all.slice(from, to + 1);
  } else {
    const [rawMin, rawMax] = form.reverse ? [rawStop!, rawStart!] : [rawStart!, rawStop!];
    if (form.by === 'score') {
      const min = parseScoreBound(rawMin);
      const max = parseScoreBound(rawMax);
      if (!min || !max) return new ReplyError('ERR min or max is not a float');
      picked = all.filter(inScoreRange(min, max));
    } else {
      const min = parseLexBound(rawMin);
      const max = parseLexBound(rawMax);
      if (!min || !max) return new ReplyError('ERR min or max not valid string range item');
      picked = all.filter(inLexRange(min, max));
    }
    if (limit) {
      if (limit.offset < 0) picked = [];
      else
        picked = picked.slice(
          limit.offset,
          limit.count < 0 ? undefined : limit.offset + limit.count,
        );
    }
  }
  return picked.flatMap((member) =>
    withScores
      ? [Buffer.from(member.value), Buffer.from(formatDouble(member.score))]
      : [Buffer.from(member.value)],
  );
}

export const zrange = (store: MemoryStore, args: string[]) => range(store, args, null);
export const zrevrange = (store: MemoryStore, args: string[]) =>
  range(store, args, { by: 'rank', reverse: true });
export const zrangebyscore = (store: MemoryStore, args: string[]) =>
  range(store, args, { by: 'score', reverse: false });
export const zrevrangebyscore = (store: MemoryStore, args: string[]) =>
  range(store, args, { by: 'score', reverse: true });
