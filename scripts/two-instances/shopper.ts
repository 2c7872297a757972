/**
 * One shopper, over HTTP as a browser would go: fill the cart, open checkout
 * in four tabs at once (two on each instance), enter the address, pay on Stripe, and come back
 * to the return page on the other instance.
 */
import type Stripe from 'stripe';
import type { Deployment, Instance } from './cluster';
import { CookieJar } from './cookie-jar';

export type ShopperPlan = {
  index: number;
  startOn: Instance;
  /** What the shopper's proxy hop reports (TRUST_PROXY=1), so per-address limits are its own. */
  address: string;
  email: string;
  items: Record<string, { quantity: number }>;
};

export type ShopperEnv = {
  at: Deployment;
  stripe: Stripe;
  /** Whether a failed request is tried again on A: a reload the load balancer sends to the instance that is up. */
  failover: boolean;
  onConfirmed: () => void;
  /** Retries stop here. */
  deadline: number;
  /** Called with the reason for every retry. */
  onRetry: (reason: string) => void;
};

export type ShopperOutcome = {
  index: number;
  cartId: string;
  paymentIntentId: string;
  orderId: string;
  /** How many different client secrets the four checkout pages carried (1 when they agree). */
  clientSecrets: number;
  /** From the first request to the order page. */
  ms: number;
};

// Above the 20 s a checkout waits for another request creating the cart's intent.
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ATTEMPTS = 8;
const RELOAD_DELAY_MS = 500;
const CLIENT_SECRET = /pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/;
const ORDER_LOCATION = /\/orders\/(ord_[A-Za-z0-9]+)(?:$|[?#])/;
const ALERT = /role="alert"[^>]*>([^<]{1,200})/;

const SHIP_TO = {
  country: 'US',
  state: 'OR',
  postal_code: '97201',
  city: 'Portland',
  line1: '1 Main St',
};

type Page = { status: number; location: string | null; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "fetch failed" says nothing; the socket error under it does (ECONNREFUSED, ECONNRESET…). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message} (${code ?? cause.message})`;
  }
  return error.message;
}

function describePage(page: Page): string {
  if (page.location) return `HTTP ${page.status} to ${page.location}`;
  const alert = ALERT.exec(page.body)?.[1];
  return `HTTP ${page.status}${alert ? `: "${alert.trim()}"` : ''}`;
}

function cartIdOf(page: Page): string | null {
  if (page.status !== 200) return null;
  const parsed = JSON.parse(page.body) as { cart?: { id?: unknown } };
  return typeof parsed.cart?.id === 'string' ? parsed.cart.id : null;
}

export async function shop(plan: ShopperPlan, env: ShopperEnv): Promise<ShopperOutcome> {
  const jar = new CookieJar();
  const began = Date.now();

  const send = async (instance: Instance, path: string, json?: unknown): Promise<Page> => {
    const headers: Record<string, string> = { 'x-forwarded-for': plan.address };
    const cookie = jar.header();
    if (cookie) headers.cookie = cookie;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      // Same-origin checks compare Origin with the instance's APP_URL.
      headers.origin = env.at[instance];
    }
    const response = await fetch(`${env.at[instance]}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    jar.store(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  };

  /** A request, and the reloads a shopper would make when it fails (scenario permitting). */
  const visit = async <T>(
    first: Instance,
    what: string,
    request: (instance: Instance) => Promise<Page>,
    read: (page: Page) => T | null,
  ): Promise<T> => {
    let instance = first;
    for (let attempt = 1; ; attempt++) {
      let problem: string;
      try {
        const page = await request(instance);
        const value = read(page);
        if (value !== null) return value;
        problem = describePage(page);
      } catch (error) {
        problem = describeError(error);
      }
      const reason = `${what} on ${instance}: ${problem}`;
      if (!env.failover || attempt >= MAX_ATTEMPTS || Date.now() > env.deadline) {
        throw new Error(`shopper ${plan.index}: ${reason} (attempt ${attempt})`);
      }
      env.onRetry(reason);
      instance = 'A';
      await sleep(RELOAD_DELAY_MS);
    }
  };

  const cartId = await visit(
    plan.startOn,
    'POST /api/cart',
    (instance) => send(instance, '/api/cart', { items: plan.items }),
    cartIdOf,
  );

  // Preparing on both instances at once: four tabs, two per instance.
  const tabs: Instance[] = ['A', 'A', 'B', 'B'];
  const secrets = await Promise.all(
    tabs.map((tab) =>
      visit(
        tab,
        'GET /checkout',
        (instance) => send(instance, '/checkout'),
        (page) => (page.status === 200 ? (CLIENT_SECRET.exec(page.body)?.[0] ?? null) : null),
      ),
    ),
  );
  const clientSecret = secrets[0]!;
  const paymentIntentId = clientSecret.slice(0, clientSecret.indexOf('_secret_'));

  // The address typed into checkout, quoted on the other instance: the same intent, updated.
  const quoted = await visit(
    plan.startOn === 'A' ? 'B' : 'A',
    'POST /api/checkout/payment-intent',
    (instance) => send(instance, '/api/checkout/payment-intent', { address: SHIP_TO }),
    (page) =>
      page.status === 200 ? (JSON.parse(page.body) as { payment_intent_id: string }) : null,
  );
  if (quoted.payment_intent_id !== paymentIntentId) {
    throw new Error(
      `shopper ${plan.index}: quoting made ${quoted.payment_intent_id}, checkout showed ${paymentIntentId}`,
    );
  }

  const intent = await env.stripe.paymentIntents.confirm(paymentIntentId, {
    payment_method: 'pm_card_visa',
    receipt_email: plan.email,
    shipping: {
      name: 'Ada Reader',
      address: SHIP_TO,
    },
  });
  if (intent.status !== 'succeeded') {
    throw new Error(`shopper ${plan.index}: ${paymentIntentId} is ${intent.status} after paying`);
  }
  env.onConfirmed();

  const orderId = await visit(
    plan.startOn === 'A' ? 'B' : 'A',
    'GET /checkout/complete',
    (instance) => send(instance, `/checkout/complete?payment_intent=${paymentIntentId}`),
    (page) =>
      page.status === 303 || page.status === 307
        ? (ORDER_LOCATION.exec(page.location ?? '')?.[1] ?? null)
        : null,
  );
  if (orderId !== intent.metadata.order_id) {
    throw new Error(
      `shopper ${plan.index}: the return page sent ${orderId}, the intent is for ${intent.metadata.order_id}`,
    );
  }
  return {
    index: plan.index,
    cartId,
    paymentIntentId,
    orderId,
    clientSecrets: new Set(secrets).size,
    ms: Date.now() - began,
  };
}
