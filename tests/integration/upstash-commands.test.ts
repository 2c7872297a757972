import { createHash } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clientFor,
  STORE_BACKENDS,
  TEST_TOKEN,
  type StoreBackendUnderTest,
} from '../helpers/upstash-servers';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const INCR_SCRIPT = "return redis.call('incr', KEYS[1])";
/** As @upstash/ratelimit writes its scripts: Upstash accepts the flag, Redis 7.0 does not. */
const LOCKING_SCRIPT = `#!lua flags=allow-key-locking
local key = KEYS[1]
return redis.call('incrby', key, ARGV[1])`;

describe.each(STORE_BACKENDS)('Upstash commands over the %s backend', (_name, start) => {
  let backend: StoreBackendUnderTest;
  let store: Redis;

  async function call(path: string, body: unknown) {
    const response = await fetch(`${backend.upstash.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  beforeAll(async () => {
    backend = await start();
    store = clientFor(backend.upstash);
  });
  afterAll(async () => {
    await backend.stop();
  });
  beforeEach(async () => {
    await call('/', ['flushall']);
    await call('/', ['script', 'flush']);
  });

  describe('Lua scripts', () => {
    it('runs EVAL, EVALSHA, SCRIPT LOAD, EXISTS and FLUSH through /', async () => {
      const sha = sha1(INCR_SCRIPT);
      expect(await call('/', ['evalsha', sha, 1, 'n'])).toEqual({
        status: 400,
        body: { error: NOSCRIPT },
      });
      expect((await call('/', ['script', 'exists', sha])).body).toEqual({ result: [0] });
      expect((await call('/', ['eval', INCR_SCRIPT, 1, 'n'])).body).toEqual({ result: 1 });
      // EVAL caches the script, as Redis does.
      expect((await call('/', ['script', 'exists', sha, sha1('other')])).body).toEqual({
        result: [1, 0],
      });
      expect((await call('/', ['evalsha', sha, 1, 'n'])).body).toEqual({ result: 2 });

      const loaded = "return 'loaded ' .. ARGV[1]";
      expect((await call('/', ['script', 'load', loaded])).body).toEqual({ result: sha1(loaded) });
      expect((await call('/', ['evalsha', sha1(loaded), 0, 'x'])).body).toEqual({
        result: 'loaded x',
      });

      expect((await call('/', ['script', 'flush'])).body).toEqual({ result: 'OK' });
      expect((await call('/', ['script', 'exists', sha, sha1(loaded)])).body).toEqual({
        result: [0, 0],
      });
      expect((await call('/', ['evalsha', sha, 1, 'n'])).body).toEqual({ error: NOSCRIPT });
    });

    it('runs them through /pipeline and /multi-exec, NOSCRIPT in place', async () => {
      const sha = sha1(INCR_SCRIPT);
      expect(
        (
          await call('/pipeline', [
            ['script', 'load', INCR_SCRIPT],
            ['evalsha', sha, 1, 'n'],
            ['evalsha', sha1('never loaded'), 0],
            ['eval', INCR_SCRIPT, 1, 'n'],
          ])
        ).body,
      ).toEqual([{ result: sha }, { result: 1 }, { error: NOSCRIPT }, { result: 2 }]);
      expect(
        await call('/multi-exec', [
          ['evalsha', sha, 1, 'n'],
          ['evalsha', sha1('never loaded'), 0],
          ['incr', 'n'],
        ]),
      ).toEqual({
        status: 200,
        body: [{ result: 3 }, { error: NOSCRIPT }, { result: 4 }],
      });
    });

    it('runs them through the client', async () => {
      const sha = await store.scriptLoad(INCR_SCRIPT);
      expect(sha).toBe(sha1(INCR_SCRIPT));
      expect(await store.scriptExists(sha, sha1('other'))).toEqual([1, 0]);
      expect(await store.evalsha(sha, ['n'], [])).toBe(1);
      expect(await store.eval(INCR_SCRIPT, ['n'], [])).toBe(2);
      const results = await store
        .multi()
        .evalsha(sha, ['n'], [])
        .eval("return redis.call('get', KEYS[1])", ['n'], [])
        .exec();
      expect(results).toEqual([3, '3']);
      expect(await store.scriptFlush()).toBe('OK');
      await expect(store.evalsha(sha, ['n'], [])).rejects.toThrow(NOSCRIPT);
    });

    it('accepts the allow-key-locking shebang, and EVALSHA of the SHA1 of the text sent', async () => {
      const sha = sha1(LOCKING_SCRIPT);
      expect(await store.eval(LOCKING_SCRIPT, ['n'], [5])).toBe(5);
      expect(await store.scriptExists(sha)).toEqual([1]);
      expect(await store.evalsha(sha, ['n'], [2])).toBe(7);
      await store.scriptFlush();
      expect(await store.scriptLoad(LOCKING_SCRIPT)).toBe(sha);
      expect(await store.evalsha(sha, ['n'], [1])).toBe(8);
      // Errors still name the caller's SHA1 and the script's own line numbers.
      await store.set('text', 'x');
      const failed = await call('/', ['evalsha', sha, 1, 'text', 1]);
      expect(failed.status).toBe(400);
      expect((failed.body as { error: string }).error).toMatch(
        new RegExp(
          `^ERR value is not an integer or out of range script: ${sha}, on @user_script:3\\.$`,
        ),
      );
    });

    it('converts values between Lua and Redis as Redis does', async () => {
      expect(
        (
          await call('/', [
            'eval',
            "return {1, 2.9, -2.9, true, false, 'x', {ok='FINE'}, nil, 5}",
            0,
          ])
        ).body,
      ).toEqual({ result: [1, 2, -2, 1, null, 'x', 'FINE'] });
      expect((await call('/', ['eval', "return {err='MYERR bad'}", 0])).body).toEqual({
        error: 'MYERR bad',
      });
      expect((await call('/', ['eval', "return redis.status_reply('FINE')", 0])).body).toEqual({
        result: 'FINE',
      });
      expect(
        (
          await call('/', [
            'eval',
            "return {KEYS[1], ARGV[1], redis.call('get', 'nothing')}",
            1,
            'k',
            'v',
          ])
        ).body,
      ).toEqual({ result: ['k', 'v', null] });
      expect(
        (await call('/', ['eval', "return type(redis.call('set', 'k', 'v'))", 0])).body,
      ).toEqual({ result: 'table' });
    });

    it('raises redis.call errors and hands redis.pcall errors to the script', async () => {
      await store.set('text', 'x');
      const raised = await call('/', [
        'eval',
        "return redis.call('hset', KEYS[1], 'f', 'v')",
        1,
        'text',
      ]);
      expect((raised.body as { error: string }).error).toMatch(/^WRONGTYPE Operation against/);
      expect(
        (await call('/', ['eval', "return redis.pcall('incr', KEYS[1]).err", 1, 'text'])).body,
      ).toEqual({ result: 'ERR value is not an integer or out of range' });
      const unknown = await call('/', ['eval', "return redis.call('nosuchcommand')", 0]);
      expect((unknown.body as { error: string }).error).toMatch(
        /^ERR Unknown Redis command called from script/,
      );
      const compile = await call('/', ['eval', 'return (', 0]);
      expect((compile.body as { error: string }).error).toMatch(
        /^ERR Error compiling script \(new function\): user_script:1: /,
      );
      expect((await call('/', ['eval', 'return 1', 2, 'a'])).body).toEqual({
        error: "ERR Number of keys can't be greater than number of args",
      });
    });

    it('expires a key set with PX inside a script', async () => {
      expect(
        await store.eval(
          "return redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])",
          ['lease'],
          ['worker-1', 150],
        ),
      ).toBe('OK');
      expect(await store.get('lease')).toBe('worker-1');
      const ttl = await store.pttl('lease');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(150);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await store.get('lease')).toBeNull();
    });
  });

  describe('sorted sets', () => {
    it('adds with NX, XX, GT, LT, CH and INCR', async () => {
      expect(
        await store.zadd(
          'z',
          { score: 1, member: 'a' },
          { score: 2, member: 'b' },
          { score: 3, member: 'c' },
        ),
      ).toBe(3);
      expect(
        await store.zadd('z', { nx: true }, { score: 9, member: 'a' }, { score: 4, member: 'd' }),
      ).toBe(1);
      expect(String(await store.zscore('z', 'a'))).toBe('1');
      expect(
        await store.zadd('z', { xx: true }, { score: 5, member: 'a' }, { score: 5, member: 'e' }),
      ).toBe(0);
      expect(String(await store.zscore('z', 'a'))).toBe('5');
      expect(await store.zscore('z', 'e')).toBeNull();
      expect(
        await store.zadd(
          'z',
          { gt: true, ch: true },
          { score: 4, member: 'a' },
          { score: 6, member: 'b' },
        ),
      ).toBe(1);
      expect(
        await store.zadd(
          'z',
          { lt: true, ch: true },
          { score: 1, member: 'a' },
          { score: 9, member: 'b' },
        ),
      ).toBe(1);
      expect(
        await store.zadd('z', { ch: true }, { score: 1, member: 'a' }, { score: 7, member: 'c' }),
      ).toBe(1);
      // Scores are bulk strings; this client leaves them undecoded.
      expect(String(await store.zadd('z', { incr: true }, { score: 1.5, member: 'a' }))).toBe(
        '2.5',
      );
      expect(await store.zrange('z', 0, -1, { withScores: true })).toEqual([
        'a',
        '2.5',
        'd',
        '4',
        'b',
        '6',
        'c',
        '7',
      ]);
      expect((await call('/', ['zadd', 'z', 'x', 'a'])).body).toEqual({
        error: 'ERR value is not a valid float',
      });
      expect((await call('/', ['zadd', 'z', 'nx', 'xx', 1, 'a'])).body).toEqual({
        error: 'ERR XX and NX options at the same time are not compatible',
      });
    });

    it('ranges by rank, by score (exclusive, infinite, reversed) and with LIMIT', async () => {
      // A back office's orders, scored by creation time.
      const orders = [
        [1_700_000_000_100, 'ord_1'],
        [1_700_000_000_200, 'ord_2'],
        [1_700_000_000_300, 'ord_3'],
        [1_700_000_000_400, 'ord_4'],
        [1_700_000_000_500, 'ord_5'],
      ] as const;
      for (const [score, member] of orders) await store.zadd('orders', { score, member });
      expect(await store.zrange('orders', 0, 1)).toEqual(['ord_1', 'ord_2']);
      expect(await store.zrange('orders', 0, 1, { rev: true })).toEqual(['ord_5', 'ord_4']);
      expect(
        await store.zrange('orders', '(1700000000200', 1_700_000_000_400, { byScore: true }),
      ).toEqual(['ord_3', 'ord_4']);
      expect(
        await store.zrange('orders', '+inf', '-inf', {
          byScore: true,
          rev: true,
          offset: 1,
          count: 2,
        }),
      ).toEqual(['ord_4', 'ord_3']);
      expect(
        await store.zrange('orders', 1_700_000_000_250.5, '+inf', {
          byScore: true,
          withScores: true,
          offset: 0,
          count: 1,
        }),
      ).toEqual(['ord_3', '1700000000300']);
      expect((await call('/', ['zrevrange', 'orders', 0, 1, 'withscores'])).body).toEqual({
        result: ['ord_5', '1700000000500', 'ord_4', '1700000000400'],
      });
      expect(
        (await call('/', ['zrangebyscore', 'orders', '(1700000000100', '+inf', 'limit', 1, 2]))
          .body,
      ).toEqual({ result: ['ord_3', 'ord_4'] });
      expect((await call('/', ['zrange', 'orders', 0, -1, 'limit', 0, 1])).body).toEqual({
        error:
          'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
      });
    });

    it('ranges by member with BYLEX, and scans members with ZSCAN', async () => {
      await store.zadd(
        'names',
        { score: 0, member: 'ada' },
        { score: 0, member: 'bob' },
        { score: 0, member: 'cy' },
      );
      expect(await store.zrange('names', '[b', '+', { byLex: true })).toEqual(['bob', 'cy']);
      expect(
        await store.zrange('names', '(ada', '[cy', { byLex: true, offset: 0, count: 1 }),
      ).toEqual(['bob']);
      const [cursor, members] = await store.zscan('names', 0, { match: 'b*' });
      expect([String(cursor), members]).toEqual(['0', ['bob', '0']]);
    });

    it('removes, counts, scores and increments', async () => {
      await store.zadd(
        'z',
        { score: 1, member: 'a' },
        { score: 2, member: 'b' },
        { score: 3, member: 'c' },
      );
      expect(await store.zcard('z')).toBe(3);
      expect(await store.zcount('z', '(1', '+inf')).toBe(2);
      expect(String(await store.zincrby('z', 2.5, 'a'))).toBe('3.5');
      expect(String(await store.zscore('z', 'a'))).toBe('3.5');
      expect(await store.zrem('z', 'a', 'missing')).toBe(1);
      expect(await store.zrem('z', 'b', 'c')).toBe(2);
      // An emptied sorted set no longer exists.
      expect(await store.exists('z')).toBe(0);
      expect(await store.zcard('z')).toBe(0);
    });
  });

  describe('hashes, lists, keys', () => {
    it('answers HGETALL with a flat array, which the client turns into an object', async () => {
      await store.hset('h', { a: '1', b: '2' });
      expect((await call('/', ['hgetall', 'h'])).body).toEqual({ result: ['a', '1', 'b', '2'] });
      expect((await call('/', ['hgetall', 'missing'])).body).toEqual({ result: [] });
      const decoding = new Redis({
        url: backend.upstash.url,
        token: TEST_TOKEN,
        enableTelemetry: false,
      });
      expect(await decoding.hgetall('h')).toEqual({ a: 1, b: 2 });
      expect(await decoding.hgetall('missing')).toBeNull();
    });

    it('runs the hash commands', async () => {
      expect(await store.hmset('h', { a: '1', b: 'x' })).toBe('OK');
      expect(await store.hincrby('h', 'a', 41)).toBe(42);
      expect(await store.hincrby('h', 'new', -1)).toBe(-1);
      await expect(store.hincrby('h', 'b', 1)).rejects.toThrow('ERR hash value is not an integer');
      expect((await store.hkeys('h')).sort()).toEqual(['a', 'b', 'new']);
      expect((await store.hvals('h')).sort()).toEqual(['-1', '42', 'x']);
      const [cursor, fields] = await store.hscan('h', 0, { match: 'a*' });
      expect([String(cursor), fields]).toEqual(['0', ['a', '42']]);
    });

    it('runs the list commands a job queue needs', async () => {
      await store.rpush('jobs', 'j1', 'j2', 'j3', 'j4', 'j5', 'j2');
      expect(await store.lpop('jobs')).toBe('j1');
      expect(await store.rpop('jobs')).toBe('j2');
      expect(await store.lpop('jobs', 2)).toEqual(['j2', 'j3']);
      expect(await store.lindex('jobs', -1)).toBe('j5');
      expect(await store.lindex('jobs', 9)).toBeNull();
      await store.rpush('jobs', 'j6', 'j4');
      expect(await store.lrem('jobs', 0, 'j4')).toBe(2);
      expect(await store.ltrim('jobs', 0, 0)).toBe('OK');
      expect(await store.lrange('jobs', 0, -1)).toEqual(['j5']);
      expect(await store.ltrim('jobs', 5, 10)).toBe('OK');
      expect(await store.exists('jobs')).toBe(0);
    });

    it('sets expiries with SETEX, PSETEX, EXPIREAT, KEEPTTL and EXPIRE GT/LT', async () => {
      expect(await store.setex('lease', 100, 'w1')).toBe('OK');
      expect(await store.ttl('lease')).toBe(100);
      await store.set('lease', 'w2', { keepTtl: true });
      expect(await store.ttl('lease')).toBe(100);
      expect(await store.expire('lease', 50, 'GT')).toBe(0);
      expect(await store.expire('lease', 50, 'LT')).toBe(1);
      expect(await store.ttl('lease')).toBe(50);
      expect(await store.psetex('short', 100_000, 'v')).toBe('OK');
      expect(await store.pttl('short')).toBeGreaterThan(99_000);
      const at = Math.floor(Date.now() / 1000) + 1000;
      expect(await store.expireat('short', at)).toBe(1);
      expect(await store.ttl('short')).toBeGreaterThan(990);
      expect((await call('/', ['setex', 'bad', 0, 'v'])).body).toEqual({
        error: "ERR invalid expire time in 'setex' command",
      });
    });

    it('runs the other string, key, hash and set commands', async () => {
      const { body } = await call('/pipeline', [
        ['setnx', 's', 'héllo'],
        ['setnx', 's', 'other'],
        ['strlen', 's'],
        ['echo', 'e'],
        ['expire', 's', 100],
        ['persist', 's'],
        ['ttl', 's'],
        ['getdel', 's'],
        ['exists', 's'],
        ['hsetnx', 'h', 'f', '1'],
        ['hsetnx', 'h', 'f', '2'],
        ['hmget', 'h', 'f', 'g'],
        ['hexists', 'h', 'f'],
        ['hdel', 'h', 'f'],
        ['hlen', 'h'],
        ['sadd', 'tags', 'a', 'b', 'a'],
        ['srem', 'tags', 'a'],
        ['sismember', 'tags', 'b'],
        ['scard', 'tags'],
        ['smembers', 'tags'],
        ['type', 'tags'],
        ['dbsize'],
        ['flushdb'],
        ['dbsize'],
      ]);
      expect((body as Array<{ result: unknown }>).map((item) => item.result)).toEqual([
        1,
        0,
        6,
        'e',
        1,
        1,
        -1,
        'héllo',
        0,
        1,
        0,
        ['1', null],
        1,
        1,
        0,
        2,
        1,
        1,
        1,
        ['b'],
        'set',
        1,
        'OK',
        0,
      ]);
    });

    it('answers TIME and KEYS', async () => {
      const [seconds, micros] = await store.time();
      expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5);
      expect(Number(micros)).toBeLessThan(1_000_000);
      await store.mset({ 'job:1': 'a', 'job:2': 'b', other: 'c' });
      expect((await store.keys('job:*')).sort()).toEqual(['job:1', 'job:2']);
    });

    it('SCANs every key across cursors, with MATCH, COUNT and TYPE', async () => {
      const wanted = Array.from({ length: 57 }, (_, i) => `scan:${i}`);
      await store.mset(Object.fromEntries(wanted.map((key) => [key, 'v'])));
      await store.mset(
        Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`other:${i}`, 'v'])),
      );
      await store.hset('scan:hash', { f: 'v' });
      const seen = new Set<string>();
      let cursor = '0';
      let rounds = 0;
      do {
        const [next, keys] = await store.scan(cursor, { match: 'scan:*', count: 10 });
        keys.forEach((key) => seen.add(key));
        cursor = String(next);
        rounds++;
      } while (cursor !== '0' && rounds < 100);
      expect(rounds).toBeGreaterThan(1);
      expect([...seen].sort()).toEqual([...wanted, 'scan:hash'].sort());
      expect((await call('/', ['scan', 0, 'type', 'hash', 'count', 1000])).body).toEqual({
        result: ['0', ['scan:hash']],
      });
    });
  });

  describe('Redis errors', () => {
    it('answers WRONGTYPE for a key of another type', async () => {
      await call('/pipeline', [
        ['set', 'string', 'x'],
        ['hset', 'hash', 'f', 'v'],
        ['rpush', 'list', 'a'],
        ['sadd', 'set', 'm'],
        ['zadd', 'zset', 1, 'm'],
      ]);
      const { body } = await call('/pipeline', [
        ['get', 'hash'],
        ['hget', 'string', 'f'],
        ['hgetall', 'list'],
        ['lpush', 'set', 'a'],
        ['lrange', 'zset', 0, -1],
        ['sadd', 'zset', 'm'],
        ['smembers', 'hash'],
        ['zadd', 'list', 1, 'm'],
        ['zrange', 'string', 0, -1],
        ['incr', 'list'],
        ['set', 'hash', 'x', 'get'],
      ]);
      expect(body).toEqual(Array.from({ length: 11 }, () => ({ error: WRONGTYPE })));
    });

    it('answers an unknown command as Redis does, and discards a transaction on a wrong arity', async () => {
      expect((await call('/', ['nosuchcommand', 'a', 'b'])).body).toEqual({
        error: "ERR unknown command 'nosuchcommand', with args beginning with: 'a' 'b' ",
      });
      expect(await call('/multi-exec', [['set', 'a', '1'], ['get']])).toEqual({
        status: 400,
        body: { error: "ERR wrong number of arguments for 'get' command" },
      });
      expect(
        await call('/multi-exec', [
          ['set', 'a', '1'],
          ['hset', 'h', 'f'],
        ]),
      ).toEqual({
        status: 400,
        body: { error: "ERR wrong number of arguments for 'hset' command" },
      });
      expect((await call('/', ['get', 'a'])).body).toEqual({ result: null });
    });

    it('checks integers and options as Redis does', async () => {
      const { body } = await call('/pipeline', [
        ['set', 'n', '007'],
        ['incr', 'n'],
        ['set', 'f', '1.5'],
        ['incrby', 'f', 1],
        ['lrange', 'l', 'x', 1],
        ['set', 'k', 'v', 'ex', 0],
        ['set', 'k', 'v', 'nx', 'xx'],
        ['expire', 'n', 10, 'sometimes'],
      ]);
      expect(body).toEqual([
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { error: 'ERR value is not an integer or out of range' },
        { error: "ERR invalid expire time in 'set' command" },
        { error: 'ERR syntax error' },
        { error: 'ERR Unsupported option sometimes' },
      ]);
    });
  });
});
