/** Where the stand-in's browser test serves its harness and emulator (see playwright.config.ts). */
const harnessPort = Number(process.env.E2E_PORT ?? 3100) + 3;

export const STRIPE_HARNESS = {
  port: harnessPort,
  url: `http://127.0.0.1:${harnessPort}`,
  emulatorPort: harnessPort + 1,
};
