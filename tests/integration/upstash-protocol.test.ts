import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORE_BACKENDS, TEST_TOKEN, type StoreBackendUnderTest } from '../helpers/upstash-servers';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe.each(STORE_BACKENDS)('Upstash REST protocol over the %s backend', (_name, start) => {
  let backend: StoreBackendUnderTest;

  async function call(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${backend.upstash.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as unknown,
    };
  }

  beforeAll(async () => {
    backend = await start();
  });
  afterAll(async () => {
    await backend.stop();
  });
  beforeEach(async () => {
    await call('/', ['flushall']);
  });

  it('refuses requests without the right bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TEST_TOKEN}`]) {
      const response = await fetch(`${backend.upstash.url}/`, {
        method: 'POST',
        headers: authorization ? { authorization } : {},
        body: '["get","k"]',
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/Unauthorized/);
    }
  });

  it('answers one command with {result}, plain or base64-encoded', async () => {
    expect((await call('/', ['set', 'k', 'héllo', 'ex', 100])).body).toEqual({ result: 'OK' });
    expect((await call('/', ['get', 'k'])).body).toEqual({ result: 'héllo' });
    expect((await call('/', ['get', 'k'], { 'upstash-encoding': 'base64' })).body).toEqual({
      result: b64('héllo'),
    });
    expect((await call('/', ['set', 'k', 'v'], { 'upstash-encoding': 'base64' })).body).toEqual({
      result: 'OK',
    });
    expect((await call('/', ['incr', 'n'], { 'upstash-encoding': 'base64' })).body).toEqual({
      result: 1,
    });
    expect((await call('/', ['get', 'missing'], { 'upstash-encoding': 'base64' })).body).toEqual({
      result: null,
    });
    await call('/', ['rpush', 'l', 'a', 'b']);
    expect(
      (await call('/', ['lrange', 'l', 0, -1], { 'upstash-encoding': 'base64' })).body,
    ).toEqual({
      result: [b64('a'), b64('b')],
    });
  });

  it('sends a read-your-writes sync token', async () => {
    const { headers } = await call('/', ['ping']);
    expect(headers.get('upstash-sync-token')).toMatch(/^\d+$/);
  });

  it('answers a failing command with 400 and the error', async () => {
    await call('/', ['set', 's', 'x']);
    expect(await call('/', ['incr', 's'])).toMatchObject({
      status: 400,
      body: { error: 'ERR value is not an integer or out of range' },
    });
    const unknown = await call('/', ['nosuchcommand', 'k']);
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: string }).error).toMatch(/unknown command 'nosuchcommand'/);
  });

  it('puts pipeline errors in place and runs the rest', async () => {
    const { status, body } = await call('/pipeline', [
      ['set', 'a', '1'],
      ['hget', 'a', 'f'],
      ['incr', 'a'],
    ]);
    expect(status).toBe(200);
    expect(body).toEqual([
      { result: 'OK' },
      { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
      { result: 2 },
    ]);
  });

  it('discards a whole transaction when a command cannot be queued', async () => {
    const { status, body } = await call('/multi-exec', [['set', 'a', '1'], ['nosuchcommand']]);
    expect(status).toBe(400);
    expect((body as { error: string }).error).toMatch(/unknown command 'nosuchcommand'/);
    expect((await call('/', ['get', 'a'])).body).toEqual({ result: null });
  });

  it('keeps runtime errors inside a transaction per command', async () => {
    await call('/', ['set', 's', 'x']);
    const { status, body } = await call('/multi-exec', [
      ['incr', 'n'],
      ['incr', 's'],
      ['incr', 'n'],
    ]);
    expect(status).toBe(200);
    expect(body).toEqual([
      { result: 1 },
      { error: 'ERR value is not an integer or out of range' },
      { result: 2 },
    ]);
  });

  it('answers malformed bodies with 400 and a clear error, and keeps serving', async () => {
    for (const [path, body, pattern] of [
      ['/', '{"not json', /not valid JSON/],
      ['/', '[]', /non-empty JSON array/],
      ['/', '{"command":"get"}', /non-empty JSON array/],
      ['/', '["get", {"k": 1}]', /argument 1 must be a string/],
      ['/pipeline', '["get","k"]', /command 1 must be a non-empty JSON array/],
      ['/multi-exec', '[]', /non-empty JSON array of commands/],
    ] as const) {
      const response = await call(path, body);
      expect(response.status, body).toBe(400);
      expect((response.body as { error: string }).error, body).toMatch(pattern);
    }
    expect((await call('/', ['ping'])).body).toEqual({ result: 'PONG' });
  });

  it('answers unknown endpoints and methods clearly', async () => {
    expect((await call('/nope', ['ping'])).status).toBe(404);
    const get = await fetch(`${backend.upstash.url}/pipeline`);
    expect(get.status).toBe(405);
    const health = await fetch(`${backend.upstash.url}/`);
    expect(health.status).toBe(200);
  });
});
