import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import {
  startStripeEmulator,
  type RunningStripeEmulator,
  type StripeEmulatorOptions,
} from '@/emulators/stripe/server';

export const TEST_SECRET_KEY = 'sk_test_contract_0123456789';
export const TEST_PUBLISHABLE_KEY = 'pk_test_contract_0123456789';
export const TEST_WEBHOOK_SECRET = 'whsec_contract_test_secret';

export function sdkFor(server: { port: number }, options: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(TEST_SECRET_KEY, {
    host: '127.0.0.1',
    port: server.port,
    protocol: 'http',
    telemetry: false,
    ...options,
  });
}

export type TestStripe = {
  server: RunningStripeEmulator;
  stripe: Stripe;
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  /** Calls the API as Stripe.js does: form-encoded, with a key in the body. */
  browserCall: (
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
  ) => Promise<{ status: number; body: Record<string, unknown> }>;
  close: () => Promise<void>;
};

export async function startTestStripe(options: StripeEmulatorOptions = {}): Promise<TestStripe> {
  const server = await startStripeEmulator({
    webhook: { enabled: false, secret: TEST_WEBHOOK_SECRET, retryBaseDelayMs: 20, timeoutMs: 2000 },
    ...options,
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  const browserCall: TestStripe['browserCall'] = async (method, path, params) => {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`${server.url}${path}${method === 'GET' ? `?${query}` : ''}`, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? query : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { server, stripe: sdkFor(server), control, browserCall, close: () => server.close() };
}

export type ReceivedWebhook = {
  event: Stripe.Event;
  signature: string;
  raw: string;
  verified: boolean;
  at: number;
};

/** A webhook endpoint that checks signatures with the real SDK and answers as told. */
export async function startWebhookReceiver(secret = TEST_WEBHOOK_SECRET) {
  const received: ReceivedWebhook[] = [];
  let respond: (attempt: number, event: Stripe.Event) => number = () => 200;
  const verifier = new Stripe(TEST_SECRET_KEY);
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(request.headers['stripe-signature'] ?? '');
      let event: Stripe.Event;
      let verified = true;
      try {
        event = verifier.webhooks.constructEvent(raw, signature, secret);
      } catch {
        verified = false;
        event = JSON.parse(raw) as Stripe.Event;
      }
      received.push({ event, signature, raw, verified, at: Date.now() });
      const attempt = received.filter((r) => r.event.id === event.id).length;
      response.writeHead(verified ? respond(attempt, event) : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    respondWith: (fn: typeof respond) => {
      respond = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
