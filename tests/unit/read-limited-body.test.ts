import { describe, expect, it } from 'vitest';
import { readLimitedText } from '@/lib/http/read-limited-body';

/** A body streamed in `chunk`-byte pieces, counting how many bytes were pulled from it. */
function streamed(total: number, chunk: number, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0, canceled: false };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      pulled.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
    cancel() {
      pulled.canceled = true;
    },
  });
  const request = new Request('http://store.test/api/webhook', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
  return { request, pulled };
}

describe('readLimitedText', () => {
  it('refuses a body declared too large without reading any of it', async () => {
    const { request, pulled } = streamed(5_000_000, 64 * 1024, { 'content-length': '5000000' });
    expect(await readLimitedText(request, 1024 * 1024)).toBeNull();
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { request, pulled } = streamed(5_000_000, 64 * 1024);
    expect(await readLimitedText(request, 1024 * 1024)).toBeNull();
    expect(pulled.canceled).toBe(true);
    // The highWaterMark lets the stream run at most a chunk or two ahead.
    expect(pulled.bytes).toBeLessThan(1024 * 1024 + 3 * 64 * 1024);
  });

  it('reads a body up to the limit, exactly', async () => {
    const { request } = streamed(1000, 300);
    expect(await readLimitedText(request, 1000)).toBe('a'.repeat(1000));
  });

  it('decodes UTF-8 split across chunks', async () => {
    const text = 'héllo ✓ 日本';
    const bytes = Buffer.from(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const request = new Request('http://store.test/', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(await readLimitedText(request, 100)).toBe(text);
  });

  it('reads an empty body as empty text', async () => {
    expect(await readLimitedText(new Request('http://store.test/', { method: 'POST' }), 10)).toBe(
      '',
    );
  });
});
