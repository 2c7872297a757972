import { networkInterfaces } from 'node:os';
import type { NextConfig } from 'next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_PARAM_KEYS } from '@/lib/catalog/search-params';

/** next.config.mjs reads the environment when it loads: load it afresh each time. */
const CONFIG_PATH = '../../next.config.mjs';

async function loadConfig(): Promise<NextConfig> {
  vi.resetModules();
  const loaded: unknown = await import(/* @vite-ignore */ CONFIG_PATH);
  return (loaded as { default: NextConfig }).default;
}

describe('next.config.mjs in development', () => {
  afterEach(() => {
    delete process.env.ALLOWED_DEV_ORIGINS;
  });

  it('lets the dev server hydrate pages opened on the loopback or this machine’s addresses', async () => {
    const allowed = (await loadConfig()).allowedDevOrigins ?? [];
    expect(allowed).toEqual(expect.arrayContaining(['127.0.0.1', '[::1]']));
    const ipv4 = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a?.family === 'IPv4')
      .map((a) => a!.address);
    expect(allowed).toEqual(expect.arrayContaining(ipv4));
  });

  it('adds the hostnames listed in ALLOWED_DEV_ORIGINS', async () => {
    process.env.ALLOWED_DEV_ORIGINS = 'shop.test, *.tunnel.example.com';
    expect((await loadConfig()).allowedDevOrigins).toEqual(
      expect.arrayContaining(['shop.test', '*.tunnel.example.com']),
    );
  });
});

describe('next.config.mjs rewrites', () => {
  it('sends `/` to the search page for each search key, and nothing else', async () => {
    const rewrites = await (await loadConfig()).rewrites?.();
    if (!rewrites || Array.isArray(rewrites))
      throw new Error('expected before/after-files rewrites');
    expect(rewrites.afterFiles).toEqual([]);
    expect(rewrites.fallback).toEqual([]);
    expect(rewrites.beforeFiles).toEqual(
      SEARCH_PARAM_KEYS.map((key) => ({
        source: '/',
        has: [{ type: 'query', key }],
        destination: '/search',
      })),
    );
  });
});
