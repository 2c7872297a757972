import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from './tests/chromium-executable';
import { STRIPE_HARNESS } from './tests/stripe-js/harness-ports';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const UPSTASH_PORT = PORT + 1;
const UPSTASH_TOKEN = 'e2e-only-upstash-token';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
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
      url: `http://127.0.0.1:${UPSTASH_PORT}/`,
      // Also starts the Stripe emulator, on PORT + 2.
      reuseExistingServer: false,
      env: {
        UPSTASH_EMULATOR_PORT: String(UPSTASH_PORT),
        UPSTASH_EMULATOR_TOKEN: UPSTASH_TOKEN,
        UPSTASH_EMULATOR_FILE: 'none',
        STRIPE_EMULATOR_PORT: String(PORT + 2),
        STRIPE_EMULATOR_WEBHOOK: `${BASE_URL}/api/webhook`,
        STRIPE_WEBHOOK_SECRET: 'whsec_e2e_storefront',
      },
    },
    {
      // `npm run test:e2e` builds first; this serves that production build.
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${BASE_URL}/api/cart`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NODE_ENV: 'production',
        SESSION_PASSWORD: 'e2e-only-session-password-0123456789abcdef',
        UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${UPSTASH_PORT}`,
        UPSTASH_REDIS_REST_TOKEN: UPSTASH_TOKEN,
        STRIPE_SECRET_KEY: 'sk_test_e2e_storefront',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e_storefront',
        STRIPE_WEBHOOK_SECRET: 'whsec_e2e_storefront',
        STRIPE_API_BASE: `http://127.0.0.1:${PORT + 2}`,
      },
    },
  ],
});
