import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DEV_CRON_SECRET } from './dev-defaults';
import { parseProxyTrust, type ProxyTrust } from './http/client-address';
import { isSendableAddress } from './mail/email-address';

/**
 * Development-only session password, used when SESSION_PASSWORD is unset and
 * NODE_ENV is not "production". It is public (it is in this file), so carts
 * sealed with it are not secret; production refuses to start without a real one.
 */
export const DEV_SESSION_PASSWORD = 'folio-dev-only-session-password-never-use-in-production';

/** Where `npm run dev` starts the local Upstash emulator, and its development token. */
export const DEV_STORE = { url: 'http://127.0.0.1:8079', token: 'folio-dev-upstash-token' };

/**
 * What `npm run dev` uses when no Stripe keys are set: the local Stripe
 * emulator (which accepts any test key) and its development webhook secret.
 */
export const DEV_STRIPE = {
  secretKey: 'sk_test_folio_local_emulator',
  publishableKey: 'pk_test_folio_local_emulator',
  webhookSecret: 'whsec_folio_development_only_webhook_secret',
  apiBase: 'http://127.0.0.1:12111',
};

/** What `npm run dev` uses when no mail provider is set: the local mail catcher (emulators/mail). */
export const DEV_MAIL = {
  smtpUrl: 'smtp://127.0.0.1:1025',
  from: 'Folio <orders@folio.local>',
  inboxUrl: 'http://localhost:8025',
};

export { DEV_CRON_SECRET } from './dev-defaults';

/**
 * The development operator and operator-API key: public, so production
 * refuses to start without ADMIN_EMAILS and ADMIN_API_KEYS of its own.
 */
export const DEV_ADMIN = { email: 'admin@folio.local', apiKey: 'folio-dev-admin-key' };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Where the store is reached in development; links in mail point here. */
export const DEV_APP_URL = 'http://localhost:3000';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const optionalUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) URL such as https://example.upstash.io')
    .optional(),
);
const optionalText = z.preprocess(emptyAsUndefined, z.string().min(1).optional());
const optionalMatching = (pattern: RegExp, example: string) =>
  z.preprocess(emptyAsUndefined, z.string().regex(pattern, `must look like ${example}`).optional());

const appUrlSchema = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^https?:\/\/[^\s/]+$/, 'must be an origin such as https://shop.example.com (no path)')
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  // Names Vercel's Upstash integration uses; read when the UPSTASH_ ones are unset.
  KV_REST_API_URL: optionalUrl,
  KV_REST_API_TOKEN: optionalText,
  STRIPE_SECRET_KEY: optionalMatching(/^(sk|rk)_(test|live)_\w+$/, 'sk_test_…'),
  STRIPE_PUBLISHABLE_KEY: optionalMatching(/^pk_(test|live)_\w+$/, 'pk_test_…'),
  STRIPE_WEBHOOK_SECRET: optionalMatching(/^whsec_\w+$/, 'whsec_…'),
  // Set to reach a Stripe API other than api.stripe.com, such as the local emulator.
  STRIPE_API_BASE: optionalUrl,
  // The store's public origin, for links in mail and canonical URLs (https://shop.example.com).
  APP_URL: appUrlSchema,
  // Extra hostnames `npm run dev` answers for (read by next.config.mjs), comma-separated.
  ALLOWED_DEV_ORIGINS: optionalText,
  // How long a store call may take before it counts as the store being down (ms). Production
  // on Upstash keeps the default; test deployments on an emulated store, sharing a small
  // machine with many shoppers, may wait longer.
  STORE_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a whole number of milliseconds from 100 to 30000' })
      .int('must be a whole number of milliseconds from 100 to 30000')
      .min(100, 'must be a whole number of milliseconds from 100 to 30000')
      .max(30_000, 'must be a whole number of milliseconds from 100 to 30000')
      .optional(),
  ),
  // Whom to believe about the client's address: none | vercel | 1…9 proxy hops.
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => parseProxyTrust(value) !== null, {
        message: 'must be none, vercel, or the number of proxies in front of the app (1 to 9)',
      })
      .optional(),
  ),
  // The web inbox of a local mail catcher, shown on the test-mode banner.
  MAIL_INBOX_URL: optionalUrl,
  // Outgoing mail over SMTP: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465.
  SMTP_URL: optionalMatching(/^smtps?:\/\/\S+$/, 'smtps://user:password@smtp.example.com:465'),
  // The sender, an address or "Name <address>", e.g. "Folio <orders@example.com>".
  MAIL_FROM: optionalMatching(
    /^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/,
    'Folio <orders@example.com>',
  ),
  // Sent by the scheduler as `Authorization: Bearer …` to the job sweeper.
  CRON_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters (openssl rand -hex 16)').optional(),
  ),
  // Operators: the addresses that may sign in to /admin, comma-separated.
  ADMIN_EMAILS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => value.split(',').every((email) => isSendableAddress(email.trim())), {
        message: 'must be email addresses separated by commas, e.g. ana@example.com,li@example.com',
      })
      .optional(),
  ),
  // SHA-256 hex digests of the operator API's keys, comma-separated.
  ADMIN_API_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => value.split(',').every((digest) => /^[0-9a-f]{64}$/.test(digest.trim())), {
        message:
          'must be SHA-256 hex digests (64 characters 0-9a-f) separated by commas: ' +
          'printf %s "$KEY" | sha256sum',
      })
      .optional(),
  ),
  SESSION_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)')
      .optional(),
  ),
});

/** Every variable the storefront reads; `.env.local.example` documents each one. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  sessionPassword: string;
  appUrl: string;
  cronSecret: string;
  trustProxy: ProxyTrust;
  mail: { smtpUrl: string; from: string };
  admin: {
    /** Lowercased. */
    emails: string[];
    /** SHA-256 hex digests of the operator API's keys. */
    apiKeyDigests: string[];
  };
  store: { url: string; token: string; isLocalEmulator: boolean; timeoutMs?: number };
  stripe: {
    secretKey: string;
    publishableKey: string;
    webhookSecret: string;
    /** null: api.stripe.com. */
    apiBase: string | null;
  };
};

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment variables:\n${problems.join('\n')}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction && !env.SESSION_PASSWORD) {
    problems.push(
      'SESSION_PASSWORD: required when NODE_ENV=production (the development default is public); ' +
        'set at least 32 random characters',
    );
  }
  if (isProduction) {
    const required = [
      ['APP_URL', env.APP_URL, 'the public origin links in mail point to'],
      ['SMTP_URL', env.SMTP_URL, 'development falls back to the local mail catcher'],
      ['MAIL_FROM', env.MAIL_FROM, 'the sender of receipts'],
      ['CRON_SECRET', env.CRON_SECRET, 'the development default is public'],
      ['ADMIN_EMAILS', env.ADMIN_EMAILS, 'the operators who may sign in to /admin'],
      ['ADMIN_API_KEYS', env.ADMIN_API_KEYS, 'the development key is public'],
    ] as const;
    for (const [name, value, why] of required) {
      if (!value) problems.push(`${name}: required when NODE_ENV=production (${why})`);
    }
  }
  const storeUrl = env.UPSTASH_REDIS_REST_URL ?? env.KV_REST_API_URL;
  const storeToken = env.UPSTASH_REDIS_REST_TOKEN ?? env.KV_REST_API_TOKEN;
  if (Boolean(storeUrl) !== Boolean(storeToken)) {
    problems.push(
      storeUrl
        ? 'UPSTASH_REDIS_REST_TOKEN: required with UPSTASH_REDIS_REST_URL'
        : 'UPSTASH_REDIS_REST_URL: required with UPSTASH_REDIS_REST_TOKEN',
    );
  } else if (!storeUrl && isProduction) {
    problems.push(
      'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN: required when NODE_ENV=production ' +
        '(development falls back to the local Upstash emulator)',
    );
  }
  const stripeKeys = [env.STRIPE_SECRET_KEY, env.STRIPE_PUBLISHABLE_KEY, env.STRIPE_WEBHOOK_SECRET];
  if (env.STRIPE_SECRET_KEY || env.STRIPE_PUBLISHABLE_KEY || env.STRIPE_WEBHOOK_SECRET) {
    const names = ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'];
    stripeKeys.forEach((value, i) => {
      if (!value) problems.push(`${names[i]}: required with the other Stripe keys`);
    });
    const secretMode = env.STRIPE_SECRET_KEY?.split('_')[1];
    const publishableMode = env.STRIPE_PUBLISHABLE_KEY?.split('_')[1];
    if (secretMode && publishableMode && secretMode !== publishableMode) {
      problems.push(
        'STRIPE_PUBLISHABLE_KEY: must be a key of the same mode (test or live) as STRIPE_SECRET_KEY',
      );
    }
  } else if (isProduction) {
    problems.push(
      'STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET: required when ' +
        'NODE_ENV=production (development falls back to the local Stripe emulator)',
    );
  }
  if (problems.length > 0) {
    throw new EnvError(
      `Invalid environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    isProduction,
    sessionPassword: env.SESSION_PASSWORD ?? DEV_SESSION_PASSWORD,
    appUrl: env.APP_URL ?? DEV_APP_URL,
    cronSecret: env.CRON_SECRET ?? DEV_CRON_SECRET,
    trustProxy: parseProxyTrust(env.TRUST_PROXY) ?? { kind: 'none' },
    mail: { smtpUrl: env.SMTP_URL ?? DEV_MAIL.smtpUrl, from: env.MAIL_FROM ?? DEV_MAIL.from },
    admin: {
      emails: (env.ADMIN_EMAILS ?? DEV_ADMIN.email)
        .split(',')
        .map((email) => email.trim().toLowerCase()),
      apiKeyDigests: env.ADMIN_API_KEYS
        ? env.ADMIN_API_KEYS.split(',').map((digest) => digest.trim())
        : [sha256Hex(DEV_ADMIN.apiKey)],
    },
    store: {
      ...(storeUrl && storeToken
        ? { url: storeUrl, token: storeToken, isLocalEmulator: false }
        : { ...DEV_STORE, isLocalEmulator: true }),
      ...(env.STORE_TIMEOUT_MS ? { timeoutMs: env.STORE_TIMEOUT_MS } : {}),
    },
    stripe: env.STRIPE_SECRET_KEY
      ? {
          secretKey: env.STRIPE_SECRET_KEY,
          publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? '',
          webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
          apiBase: env.STRIPE_API_BASE ?? null,
        }
      : { ...DEV_STRIPE, apiBase: env.STRIPE_API_BASE ?? DEV_STRIPE.apiBase },
  };
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Whether payments are in test mode (the emulator or Stripe test keys), read
 * straight from the environment so static pages can show it when they are
 * built. Builds are made with the Stripe keys they are served with (as the
 * Content-Security-Policy requires too).
 */
export function isStripeTestMode(source: Record<string, string | undefined> = process.env): {
  testMode: boolean;
  emulator: boolean;
} {
  const secretKey = source.STRIPE_SECRET_KEY ?? '';
  const emulator = !secretKey || Boolean(source.STRIPE_API_BASE);
  return { testMode: emulator || secretKey.includes('_test_'), emulator };
}

/**
 * The web inbox of the local mail catcher when mail goes there (no SMTP_URL,
 * or MAIL_INBOX_URL naming a catcher's inbox), else null. Read straight from
 * the environment, like isStripeTestMode, so static pages can show it.
 */
export function localMailInbox(
  source: Record<string, string | undefined> = process.env,
): string | null {
  if (!source.SMTP_URL) return source.MAIL_INBOX_URL || DEV_MAIL.inboxUrl;
  return source.MAIL_INBOX_URL || null;
}

/**
 * The store's public origin (APP_URL, checked by the same rule as getEnv's),
 * read straight from the environment like isStripeTestMode: prerendered pages
 * (canonical links, the sitemap) need it when they are built, where the rest
 * of a production environment may be absent. Builds are made with the APP_URL
 * they are served with.
 */
export function publicAppUrl(source: Record<string, string | undefined> = process.env): string {
  const result = appUrlSchema.safeParse(source.APP_URL);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - APP_URL: ${issue.message}`);
    throw new EnvError(`Invalid environment variables:\n${problems.join('\n')}`);
  }
  return result.data ?? DEV_APP_URL;
}
