import { networkInterfaces } from 'node:os';
import type { NextConfig } from 'next';
import { afterEach, describe, expect, it, vi } from 'vitest';

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
