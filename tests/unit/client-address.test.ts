import { describe, expect, it } from 'vitest';
import { clientAddress, parseProxyTrust } from '@/lib/http/client-address';

const headers = (values: Record<string, string>) => new Headers(values);

describe('the client address', () => {
  it('is unknown when no proxy is trusted, whatever the headers claim', () => {
    const trust = parseProxyTrust('none')!;
    expect(
      clientAddress(
        headers({ 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2' }),
        trust,
      ),
    ).toBeNull();
    expect(parseProxyTrust(undefined)).toEqual({ kind: 'none' });
  });

  it("counts trusted hops from the right, so a client's own entries cannot choose the address", () => {
    const one = parseProxyTrust('1')!;
    // The client sent "198.51.100.7"; our proxy appended what it saw.
    const spoofed = headers({ 'x-forwarded-for': '198.51.100.7, 203.0.113.9' });
    expect(clientAddress(spoofed, one)).toBe('203.0.113.9');
    const two = parseProxyTrust('2')!;
    expect(
      clientAddress(headers({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9, 10.0.0.2' }), two),
    ).toBe('203.0.113.9');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9' }), two)).toBeNull();
    expect(clientAddress(headers({}), one)).toBeNull();
    expect(clientAddress(headers({ 'x-forwarded-for': 'not-an-ip' }), one)).toBeNull();
    expect(clientAddress(headers({ 'x-forwarded-for': '2001:db8::1' }), one)).toBe('2001:db8::1');
  });

  it("reads Vercel's own header on Vercel", () => {
    const vercel = parseProxyTrust('vercel')!;
    expect(
      clientAddress(headers({ 'x-real-ip': '203.0.113.4', 'x-forwarded-for': '9.9.9.9' }), vercel),
    ).toBe('203.0.113.4');
  });

  it('refuses settings it does not understand', () => {
    for (const bad of ['yes', '0', '10', '-1', 'Vercel']) expect(parseProxyTrust(bad)).toBeNull();
  });
});
