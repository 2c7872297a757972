import 'server-only';
import Stripe from 'stripe';
import { getEnv } from '../env';

type Connection = Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'>;

/**
 * The SDK's host/port/protocol for an API base such as
 * http://127.0.0.1:12111 (the local emulator); none for api.stripe.com.
 */
export function connectionFor(apiBase: string | null): Connection {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: Number(url.port || (protocol === 'http' ? 80 : 443)),
    protocol,
  };
}

export function createStripeClient({
  secretKey,
  apiBase,
}: {
  secretKey: string;
  apiBase: string | null;
}): Stripe {
  return new Stripe(secretKey, {
    ...connectionFor(apiBase),
    appInfo: { name: 'Folio storefront' },
    telemetry: false,
  });
}

let client: Stripe | undefined;

/** The one Stripe client of the server, configured by the environment (lib/env.ts). */
export function getStripe(): Stripe {
  client ??= createStripeClient(getEnv().stripe);
  return client;
}
