import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from './tests/chromium-executable';

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
      command: 'npx tsx emulators/start.ts',
      url: `http://127.0.0.1:${UPSTASH_PORT}/`,
      reuseExistingServer: false,
      env: {
        UPSTASH_EMULATOR_PORT: String(UPSTASH_PORT),
        UPSTASH_EMULATOR_TOKEN: UPSTASH_TOKEN,
        UPSTASH_EMULATOR_FILE: 'none',
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
      },
    },
  ],
});
