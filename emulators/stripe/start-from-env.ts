import {
  DEFAULT_WEBHOOK_URL,
  DEV_WEBHOOK_SECRET,
  startStripeEmulator,
  type RunningStripeEmulator,
} from './server';

export const DEFAULT_STRIPE_PORT = 12111;

/**
 * Starts the emulator as configured by the environment:
 *
 *   STRIPE_EMULATOR_PORT      port (default 12111)
 *   STRIPE_EMULATOR_WEBHOOK   where events are delivered (default http://127.0.0.1:3000/api/webhook;
 *                             "off" delivers none)
 *   STRIPE_WEBHOOK_SECRET     the signing secret (default: the development secret)
 */
export function startStripeFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningStripeEmulator> {
  const target = env.STRIPE_EMULATOR_WEBHOOK || DEFAULT_WEBHOOK_URL;
  return startStripeEmulator({
    port: Number(env.STRIPE_EMULATOR_PORT ?? DEFAULT_STRIPE_PORT),
    webhook: {
      url: target === 'off' ? DEFAULT_WEBHOOK_URL : target,
      enabled: target !== 'off',
      secret: env.STRIPE_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET,
    },
  });
}

export function describeStripe(server: RunningStripeEmulator): string {
  const { config } = server.emulator.webhooks;
  return `Stripe emulator on ${server.url} (Stripe.js stand-in at ${server.url}/v3), webhooks ${config.enabled ? `to ${config.url}` : 'off'}`;
}
