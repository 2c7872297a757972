import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from './tests/chromium-executable';
import {
  E2E_APP_ENV,
  E2E_BASE_URL,
  E2E_MAIL_HTTP_PORT,
  E2E_MAIL_SMTP_PORT,
  E2E_PORT,
  E2E_SECRETS,
  E2E_STRIPE_PORT,
  E2E_UPSTASH_PORT,
} from './tests/e2e-env';
import { STRIPE_HARNESS } from './tests/stripe-js/harness-ports';

const PORT = E2E_PORT;
const BASE_URL = E2E_BASE_URL;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // One worker per core: each drives a browser against the same one server.
  workers: availableParallelism(),
  // The slowest tests are named at the end of every run, so a spec that grows
  // slow is seen before it costs CI.
  reporter: [
    ['list'],
    ['./tests/slowest-tests-reporter.ts'],
    ...(process.env.CI ? [] : [['html', { open: 'never' }] as const]),
  ],
  use: {
    baseURL: BASE_URL,
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: OFFLINE_CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      // The Stripe.js stand-in's own test page, and an emulator for it.
      command: `npx tsx tests/stripe-js/serve-harness.ts ${STRIPE_HARNESS.port} ${STRIPE_HARNESS.emulatorPort}`,
      url: `${STRIPE_HARNESS.url}/harness.js`,
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx emulators/start.ts',
      url: `http://127.0.0.1:${E2E_UPSTASH_PORT}/`,
      // Also starts the Stripe emulator (PORT + 2) and the mail catcher (PORT + 5 and + 6).
      reuseExistingServer: false,
      env: {
        UPSTASH_EMULATOR_PORT: String(E2E_UPSTASH_PORT),
        UPSTASH_EMULATOR_TOKEN: E2E_SECRETS.UPSTASH_REDIS_REST_TOKEN,
        UPSTASH_EMULATOR_FILE: 'none',
        STRIPE_EMULATOR_PORT: String(E2E_STRIPE_PORT),
        STRIPE_EMULATOR_WEBHOOK: `${BASE_URL}/api/webhook`,
        STRIPE_WEBHOOK_SECRET: E2E_SECRETS.STRIPE_WEBHOOK_SECRET,
        MAIL_EMULATOR_SMTP_PORT: String(E2E_MAIL_SMTP_PORT),
        MAIL_EMULATOR_HTTP_PORT: String(E2E_MAIL_HTTP_PORT),
      },
    },
    {
      // `npm run test:e2e` builds first; this serves that production build.
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${BASE_URL}/api/cart`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: E2E_APP_ENV,
    },
  ],
});
