import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEV_ADMIN,
  DEV_APP_URL,
  DEV_CRON_SECRET,
  DEV_MAIL,
  DEV_SESSION_PASSWORD,
  DEV_STORE,
  ENV_VARIABLES,
  EnvError,
  isStripeTestMode,
  localMailInbox,
  parseEnv,
  publicAppUrl,
  sha256Hex,
} from '@/lib/env';

const STRONG = 'x'.repeat(32);
const STRIPE = {
  STRIPE_SECRET_KEY: 'sk_live_abc',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_abc',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc',
};
const STORE = {
  UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'token',
};
const MAIL = {
  APP_URL: 'https://shop.example.com',
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'Folio <orders@example.com>',
  CRON_SECRET: 'c'.repeat(32),
  ADMIN_EMAILS: 'Ana@Example.com, li@example.com',
  ADMIN_API_KEYS: 'a'.repeat(64),
};

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

  it('accepts a strong password, a store and Stripe keys in production', () => {
    expect(
      parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: STRONG, ...STORE, ...STRIPE, ...MAIL }),
    ).toMatchObject({
      nodeEnv: 'production',
      isProduction: true,
      sessionPassword: STRONG,
      store: { url: STORE.UPSTASH_REDIS_REST_URL, token: 'token', isLocalEmulator: false },
      stripe: { secretKey: STRIPE.STRIPE_SECRET_KEY, apiBase: null },
      appUrl: 'https://shop.example.com',
      cronSecret: MAIL.CRON_SECRET,
      mail: { smtpUrl: MAIL.SMTP_URL, from: MAIL.MAIL_FROM },
      admin: { emails: ['ana@example.com', 'li@example.com'], apiKeyDigests: ['a'.repeat(64)] },
    });
  });

  it('uses the local Upstash emulator in development when no store is set', () => {
    expect(parseEnv({}).store).toEqual({ ...DEV_STORE, isLocalEmulator: true });
  });

  it("reads Vercel's KV_REST_API_* names when the UPSTASH_ ones are unset", () => {
    expect(
      parseEnv({ KV_REST_API_URL: 'https://kv.example.com', KV_REST_API_TOKEN: 'kv' }).store,
    ).toEqual({ url: 'https://kv.example.com', token: 'kv', isLocalEmulator: false });
  });

  it('refuses production without a store, and a store URL without its token', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: STRONG, ...STRIPE })).toThrow(
      /UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN: required when NODE_ENV=production/,
    );
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: 'https://example.upstash.io' })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN: required with UPSTASH_REDIS_REST_URL/,
    );
    expect(() => parseEnv({ ...STORE, UPSTASH_REDIS_REST_URL: 'redis://localhost:6379' })).toThrow(
      /UPSTASH_REDIS_REST_URL: must be an http\(s\) URL/,
    );
  });
});

describe('mail, links and the job sweeper', () => {
  it('uses the local mail catcher and public development defaults outside production', () => {
    expect(parseEnv({})).toMatchObject({
      appUrl: DEV_APP_URL,
      cronSecret: DEV_CRON_SECRET,
      mail: { smtpUrl: DEV_MAIL.smtpUrl, from: DEV_MAIL.from },
      admin: { emails: [DEV_ADMIN.email], apiKeyDigests: [sha256Hex(DEV_ADMIN.apiKey)] },
    });
    expect(localMailInbox({})).toBe(DEV_MAIL.inboxUrl);
    expect(localMailInbox({ SMTP_URL: MAIL.SMTP_URL })).toBeNull();
  });

  it('refuses production without each of them, naming every one', () => {
    const production = { NODE_ENV: 'production', SESSION_PASSWORD: STRONG, ...STORE, ...STRIPE };
    for (const name of Object.keys(MAIL)) {
      const env: Record<string, string> = { ...production, ...MAIL };
      delete env[name];
      expect(() => parseEnv(env), name).toThrow(
        new RegExp(`${name}: required when NODE_ENV=production`),
      );
    }
  });

  it('refuses malformed values with a readable message', () => {
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL: must look like/);
    expect(() => parseEnv({ MAIL_FROM: 'orders at example' })).toThrow(/MAIL_FROM: must look like/);
    expect(() => parseEnv({ MAIL_FROM: 'Folio <a@b.co>\r\nBcc: x@y.z' })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ APP_URL: 'https://shop.example.com/store' })).toThrow(
      /APP_URL: must be an origin/,
    );
    expect(() => parseEnv({ CRON_SECRET: 'short' })).toThrow(/CRON_SECRET: must be at least 16/);
    expect(() => parseEnv({ ADMIN_EMAILS: 'ana@example.com;li' })).toThrow(/ADMIN_EMAILS: must be/);
    expect(() => parseEnv({ ADMIN_API_KEYS: 'folio-dev-admin-key' })).toThrow(
      /ADMIN_API_KEYS: must be SHA-256 hex digests/,
    );
    expect(parseEnv({ MAIL_FROM: 'orders@example.com' }).mail.from).toBe('orders@example.com');
  });
});

describe('TRUST_PROXY', () => {
  it('defaults to trusting nobody and accepts vercel or a hop count', () => {
    expect(parseEnv({}).trustProxy).toEqual({ kind: 'none' });
    expect(parseEnv({ TRUST_PROXY: 'vercel' }).trustProxy).toEqual({ kind: 'vercel' });
    expect(parseEnv({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be none, vercel/);
  });
});

describe('STORE_TIMEOUT_MS', () => {
  it('keeps the client default unless set, and refuses what is not a sane wait', () => {
    expect(parseEnv({}).store.timeoutMs).toBeUndefined();
    expect(parseEnv({ STORE_TIMEOUT_MS: '5000' }).store.timeoutMs).toBe(5000);
    expect(() => parseEnv({ STORE_TIMEOUT_MS: '5s' })).toThrow(
      /STORE_TIMEOUT_MS: must be a whole number of milliseconds/,
    );
    expect(() => parseEnv({ STORE_TIMEOUT_MS: '50' })).toThrow(/from 100 to 30000/);
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

describe('Stripe configuration', () => {
  const KEYS = {
    STRIPE_SECRET_KEY: 'sk_test_abc123',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123',
    STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
  };

  it('uses the local emulator in development when no keys are set', () => {
    expect(parseEnv({}).stripe).toMatchObject({ apiBase: 'http://127.0.0.1:12111' });
    expect(isStripeTestMode({}).testMode).toBe(true);
  });

  it('talks to Stripe itself with keys and no API base', () => {
    expect(parseEnv(KEYS).stripe).toEqual({
      secretKey: 'sk_test_abc123',
      publishableKey: 'pk_test_abc123',
      webhookSecret: 'whsec_abc123',
      apiBase: null,
    });
    expect(isStripeTestMode(KEYS).testMode).toBe(true);
    expect(isStripeTestMode({ ...KEYS, STRIPE_SECRET_KEY: 'sk_live_x' }).testMode).toBe(false);
  });

  it('refuses partial, malformed or mixed-mode keys, and production without keys', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(
      /STRIPE_PUBLISHABLE_KEY: required with the other Stripe keys/,
    );
    expect(() => parseEnv({ ...KEYS, STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(
      /STRIPE_WEBHOOK_SECRET: must look like whsec_/,
    );
    expect(() => parseEnv({ ...KEYS, STRIPE_PUBLISHABLE_KEY: 'pk_live_abc' })).toThrow(/same mode/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: STRONG, ...STORE })).toThrow(
      /STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET: required/,
    );
  });
});

describe('isStripeTestMode', () => {
  it('is on for the emulator and for test keys, and off only for live keys with Stripe itself', () => {
    expect(isStripeTestMode({})).toEqual({ testMode: true, emulator: true });
    expect(isStripeTestMode({ STRIPE_SECRET_KEY: 'sk_test_x' })).toEqual({
      testMode: true,
      emulator: false,
    });
    expect(
      isStripeTestMode({
        STRIPE_SECRET_KEY: 'sk_live_x',
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
      }).testMode,
    ).toBe(true);
    expect(isStripeTestMode({ STRIPE_SECRET_KEY: 'sk_live_x' })).toEqual({
      testMode: false,
      emulator: false,
    });
  });
});

describe('publicAppUrl', () => {
  it('is APP_URL, the development origin when unset, and refuses what getEnv refuses', () => {
    expect(publicAppUrl({ APP_URL: 'https://shop.example.com' })).toBe('https://shop.example.com');
    expect(publicAppUrl({})).toBe(DEV_APP_URL);
    expect(publicAppUrl({ APP_URL: '' })).toBe(DEV_APP_URL);
    for (const bad of ['https://shop.example.com/store', 'shop.example.com', 'ftp://shop']) {
      expect(() => publicAppUrl({ APP_URL: bad })).toThrow(EnvError);
      expect(() => parseEnv({ APP_URL: bad })).toThrow(EnvError);
    }
  });

  it('needs no other variable, so prerendering works in any build', () => {
    expect(publicAppUrl({ NODE_ENV: 'production', APP_URL: 'https://shop.example.com' })).toBe(
      'https://shop.example.com',
    );
  });
});
