import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Playwright's own Chromium when installed, else the system one (Debian's `chromium`). */
export function chromiumExecutable(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** The machines have no internet: keep Chromium from trying. */
export const OFFLINE_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
