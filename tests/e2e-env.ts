/**
 * The one description of the end-to-end setup: ports, and the secrets the
 * production build and server run with (sentinels, so a test can prove none
 * of them reaches the browser bundles).
 */
import { createHash } from 'node:crypto';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_UPSTASH_PORT = E2E_PORT + 1;
export const E2E_STRIPE_PORT = E2E_PORT + 2;
// PORT + 3 and + 4 serve the Stripe.js stand-in's own harness (tests/stripe-js/harness-ports.ts).
export const E2E_MAIL_SMTP_PORT = E2E_PORT + 5;
export const E2E_MAIL_HTTP_PORT = E2E_PORT + 6;
export const E2E_MAIL_INBOX = `http://127.0.0.1:${E2E_MAIL_HTTP_PORT}`;

/**
 * The operators of the end-to-end tests (one per test that signs in, so tests
 * running at once never read each other's sign-in links), and the operator
 * API's key (its digest is configured).
 */
export const E2E_OPERATORS = {
  flow: 'ops-flow@folio.test',
  access: 'ops-access@folio.test',
  expiry: 'ops-expiry@folio.test',
  codes: 'ops-codes@folio.test',
  scanOrders: 'ops-scan-orders@folio.test',
  scanOrder: 'ops-scan-order@folio.test',
  breakdown: 'ops-breakdown@folio.test',
  stock: 'ops-stock@folio.test',
  phone: 'ops-phone@folio.test',
};
export const E2E_ADMIN_API_KEY = 'e2e-only-admin-api-key-sentinel-0123456789';

export const E2E_SECRETS = {
  SESSION_PASSWORD: 'e2e-only-session-password-0123456789abcdef',
  UPSTASH_REDIS_REST_TOKEN: 'e2e-only-upstash-token',
  STRIPE_SECRET_KEY: 'sk_test_e2e_storefront_sentinel',
  STRIPE_WEBHOOK_SECRET: 'whsec_e2e_storefront_sentinel',
  CRON_SECRET: 'e2e-only-cron-secret-sentinel',
};

/** What the storefront runs with in the end-to-end tests (and is built with). */
export const E2E_APP_ENV = {
  NODE_ENV: 'production' as const,
  ...E2E_SECRETS,
  UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${E2E_UPSTASH_PORT}`,
  STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e_storefront',
  STRIPE_API_BASE: `http://127.0.0.1:${E2E_STRIPE_PORT}`,
  APP_URL: E2E_BASE_URL,
  // Each test is a shopper behind one proxy, which appends the address it saw (tests/e2e/fixtures.ts).
  TRUST_PROXY: '1',
  SMTP_URL: `smtp://127.0.0.1:${E2E_MAIL_SMTP_PORT}`,
  MAIL_FROM: 'Folio <orders@folio.test>',
  MAIL_INBOX_URL: E2E_MAIL_INBOX,
  ADMIN_EMAILS: Object.values(E2E_OPERATORS).join(','),
  ADMIN_API_KEYS: createHash('sha256').update(E2E_ADMIN_API_KEY).digest('hex'),
};
