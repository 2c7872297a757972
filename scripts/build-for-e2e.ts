/** `npm run test:e2e` builds with the environment the tests serve it with (tests/e2e-env.ts). */
import { execSync } from 'node:child_process';
import { E2E_APP_ENV } from '../tests/e2e-env';

execSync('npx next build', { stdio: 'inherit', env: { ...process.env, ...E2E_APP_ENV } });
