import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEV_SESSION_PASSWORD, ENV_VARIABLES, EnvError, parseEnv } from '@/lib/env';

const STRONG = 'x'.repeat(32);

describe('parseEnv', () => {
  it('uses the marked development password when none is set outside production', () => {
    expect(parseEnv({ NODE_ENV: 'development' }).sessionPassword).toBe(DEV_SESSION_PASSWORD);
    expect(parseEnv({}).nodeEnv).toBe('development');
    expect(parseEnv({ NODE_ENV: 'test', SESSION_PASSWORD: '' }).sessionPassword).toBe(
      DEV_SESSION_PASSWORD,
    );
  });

  it('refuses production without a session password, naming the variable', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_PASSWORD: required/);
  });

  it('refuses a short session password in any mode', () => {
    expect(() => parseEnv({ NODE_ENV: 'development', SESSION_PASSWORD: 'short' })).toThrow(
      /SESSION_PASSWORD: must be at least 32 characters/,
    );
  });

  it('refuses an unknown NODE_ENV', () => {
    expect(() => parseEnv({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('accepts a strong password in production', () => {
    expect(parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: STRONG })).toEqual({
      nodeEnv: 'production',
      isProduction: true,
      sessionPassword: STRONG,
    });
  });
});

describe('.env.local.example', () => {
  it('documents exactly the variables the storefront reads', () => {
    const documented = readFileSync('.env.local.example', 'utf8')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(documented.sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
