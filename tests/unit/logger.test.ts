import { describe, expect, it } from 'vitest';
import { requestId } from '@/lib/log/logger';
import { captureLog } from '../helpers/captured-log';

describe('the logger', () => {
  it('writes one JSON line per event and redacts secret-looking fields wherever they are', () => {
    const { log, lines, raw } = captureLog();
    log.info({
      event: 'x',
      clientSecret: 'pi_1_secret_abc',
      record: { client_secret: 'pi_2_secret_def', amount: 5 },
      headers: { authorization: 'Bearer k', cookie: 'c=1' },
    });
    expect(raw).toHaveLength(1);
    expect(lines()[0]).toMatchObject({
      level: 'info',
      service: 'folio',
      event: 'x',
      clientSecret: '[redacted]',
      record: { client_secret: '[redacted]', amount: 5 },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
    });
    expect(raw[0]).not.toMatch(/secret_abc|secret_def|Bearer k/);
  });

  it("uses the platform's request id when it looks like one, else a fresh one", () => {
    expect(requestId(new Headers({ 'x-request-id': 'req_123' }))).toBe('req_123');
    expect(requestId(new Headers({ 'x-vercel-id': 'fra1::abc-123' }))).toBe('fra1::abc-123');
    expect(requestId(new Headers({ 'x-request-id': 'a b' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
