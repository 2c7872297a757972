/**
 * A stateful Stripe API emulator: PaymentIntents, Charges, Refunds,
 * PaymentMethods, Events, Stripe Tax and Checkout Sessions over Stripe's HTTP
 * layer (auth, form-encoded params, idempotency, error shapes, headers),
 * webhooks, a control API under /_emulator/, a hosted Checkout page and a
 * Stripe.js stand-in. See README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { settleRefund } from './charges-refunds';
import { expireDueSessions } from './checkout-expiry';
import { serveCheckout } from './checkout-serve';
import { handleControl } from './control';
import { StripeApiError } from './errors';
import { faultBody, FaultInjector } from './faults';
import { canonical, fromJson, parseForm, type Params } from './form';
import { readBody, sendJson } from './http-util';
import { IdempotencyStore } from './idempotency';
import { newId } from './ids';
import { matchRoute } from './routes';
import { DEFAULT_API_VERSION, EmulatorState, type RequestContext } from './state';
import { serveStripeJs } from './stripe-js/serve';
import { DEFAULT_MODE, WebhookDispatcher, type WebhookConfig } from './webhooks';

export type StripeEmulatorOptions = {
  port?: number;
  host?: string;
  /** The only secret key accepted; by default any sk_test_ key is. */
  secretKey?: string;
  webhook?: Partial<
    Pick<
      WebhookConfig,
      'url' | 'secret' | 'enabled' | 'maxAttempts' | 'retryBaseDelayMs' | 'timeoutMs'
    >
  >;
};

export type RequestLogEntry = {
  id: string;
  at: number;
  method: string;
  path: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  auth: 'secret' | 'publishable' | null;
  params: Params;
  status: number;
  replayed: boolean;
};

export const DEFAULT_WEBHOOK_URL = 'http://127.0.0.1:3000/api/webhook';
export const DEV_WEBHOOK_SECRET = 'whsec_folio_development_only_webhook_secret';

export class StripeEmulator {
  readonly state = new EmulatorState();
  readonly idempotency = new IdempotencyStore(this.state.clock);
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;
  requestLog: RequestLogEntry[] = [];

  constructor(private readonly options: StripeEmulatorOptions = {}) {
    this.webhooks = new WebhookDispatcher(
      {
        url: options.webhook?.url ?? DEFAULT_WEBHOOK_URL,
        secret: options.webhook?.secret ?? DEV_WEBHOOK_SECRET,
        enabled: options.webhook?.enabled ?? true,
        enabledEvents: ['*'],
        maxAttempts: options.webhook?.maxAttempts ?? 4,
        retryBaseDelayMs: options.webhook?.retryBaseDelayMs ?? 1000,
        timeoutMs: options.webhook?.timeoutMs ?? 10_000,
        mode: { ...DEFAULT_MODE },
      },
      this.state.clock,
    );
    this.state.onEvent((event) => {
      event.pending_webhooks = this.webhooks.recipients(event.type);
      this.webhooks.enqueue(event);
    });
    this.state.refundSchedule.onSettle((refundId) => settleRefund(this.state, refundId));
  }

  reset(): void {
    this.state.reset();
    this.idempotency.reset();
    this.faults.reset();
    this.webhooks.reset();
    this.requestLog = [];
  }

  /** Which key a request carries, and whether it is one the emulator accepts. */
  private authenticate(request: IncomingMessage, params: Params): 'secret' | 'publishable' {
    const header = request.headers.authorization ?? '';
    let key: string | undefined;
    if (header.startsWith('Bearer ')) key = header.slice(7).trim();
    else if (header.startsWith('Basic '))
      key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
    else if (typeof params.key === 'string') key = params.key;
    if (!key) {
      throw new StripeApiError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    const masked = `${key.slice(0, 8)}****${key.slice(-4)}`;
    if (key.startsWith('pk_test_')) return 'publishable';
    if (key.startsWith('sk_test_') && (!this.options.secretKey || key === this.options.secretKey))
      return 'secret';
    throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${masked}`);
  }

  async handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const requestId = newId('req');
    const stripeVersion = (request.headers['stripe-version'] as string | undefined) ?? null;
    const idempotencyKey =
      method === 'POST'
        ? ((request.headers['idempotency-key'] as string | undefined) ?? null)
        : null;
    const headers: Record<string, string> = {
      'request-id': requestId,
      'stripe-version': stripeVersion ?? DEFAULT_API_VERSION,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    const log: RequestLogEntry = {
      id: requestId,
      at: this.state.clock.now(),
      method,
      path,
      idempotencyKey,
      stripeVersion,
      auth: null,
      params: {},
      status: 0,
      replayed: false,
    };
    this.requestLog.push(log);
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      log.status = status;
      sendJson(response, status, body, { ...headers, ...extra });
    };

    let finishIdempotent: ((status: number, body: unknown) => void) | undefined;
    let abandonIdempotent: (() => void) | undefined;
    try {
      // What a request sees includes the refunds that settled since the timer last ran.
      this.state.refundSchedule.settleDue();
      // …and shows Checkout Sessions whose `expires_at` the clock has passed as expired.
      expireDueSessions(this.state);
      const params = method === 'GET' ? parseForm(query.toString()) : await readParams(request);
      log.params = redact(params);
      const auth = this.authenticate(request, params);
      log.auth = auth;

      // Injected errors answer before the idempotency layer, as Stripe's rate
      // limiter does; an injected delay is a slow request, holding its key.
      const fault = this.faults.take(method, path, false, params);
      if (fault?.reset) return void request.socket.destroy();
      if (fault?.status) return send(fault.status, faultBody(fault.status), fault.headers);

      const found = matchRoute(method, path);
      if (found === null) {
        throw new StripeApiError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        );
      }
      if (found === 'method') {
        throw new StripeApiError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${path}).`,
        );
      }
      const { route, id } = found;
      if (route.auth === 'secret' && auth === 'publishable') {
        throw new StripeApiError(
          401,
          'invalid_request_error',
          'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
        );
      }
      const context: RequestContext = {
        requestId,
        idempotencyKey,
        auth,
        origin: originOf(request),
      };

      if (idempotencyKey) {
        const { key: _publishableKey, ...compared } = params;
        const decision = this.idempotency.begin(auth === 'secret' ? 'sk' : `pk`, idempotencyKey, {
          method,
          path,
          params: canonical(compared),
          requestId,
        });
        if (decision.kind === 'replay') {
          log.replayed = true;
          return send(decision.status, decision.body, {
            'idempotent-replayed': 'true',
            'original-request': decision.originalRequestId,
          });
        }
        finishIdempotent = decision.finish;
        abandonIdempotent = decision.abandon;
      }

      if (fault?.delayMs) await sleep(fault.delayMs);
      let status = 200;
      let body: unknown;
      try {
        body = route.run({ state: this.state, params, id, context });
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        if (error.beforeExecution) abandonIdempotent?.();
        else finishIdempotent?.(error.status, error.toBody());
        throw error;
      }
      finishIdempotent?.(status, body);

      const lost = this.faults.take(method, path, true, params);
      if (lost) {
        // The work is done and saved for replay; the client never hears of it.
        if (lost.reset) return void request.socket.destroy();
        status = lost.status ?? 500;
        body = faultBody(status);
        return send(status, body, lost.headers);
      }
      send(status, body);
    } catch (error) {
      if (error instanceof StripeApiError) return send(error.status, error.toBody());
      abandonIdempotent?.();
      console.error('stripe emulator:', error);
      send(500, {
        error: {
          type: 'api_error',
          code: null,
          decline_code: null,
          message: 'An unknown error occurred in the Stripe emulator.',
          param: null,
        },
      });
    }
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const origin = request.headers.origin;
    response.setHeader('access-control-allow-origin', origin ?? '*');
    response.setHeader('vary', 'Origin');
    response.setHeader(
      'access-control-allow-headers',
      'Authorization, Content-Type, Stripe-Version, Idempotency-Key, Stripe-Account',
    );
    response.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    response.setHeader(
      'access-control-expose-headers',
      'Request-Id, Stripe-Version, Idempotency-Key, Idempotent-Replayed, Original-Request',
    );
    if (request.method === 'OPTIONS') {
      response.writeHead(204);
      return void response.end();
    }
    if (url.pathname.startsWith('/_emulator/') || url.pathname === '/_emulator') {
      if (!isLoopback(request.socket))
        return sendJson(response, 403, {
          error: { message: 'The control API answers loopback clients only.' },
        });
      return handleControl(this, request, response, url);
    }
    if (url.pathname.startsWith('/v1/'))
      return this.handleApi(request, response, url.pathname, url.searchParams);
    if (await serveCheckout(request, response, url, originOf(request), this.state)) return;
    if (serveStripeJs(request, response, url, originOf(request), this.state)) return;
    sendJson(response, 404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${request.method}: ${url.pathname}).`,
      },
    });
  }
}

function isLoopback(socket: Socket): boolean {
  const address = socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The emulator's own origin as the client reached it. */
function originOf(request: IncomingMessage): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readParams(request: IncomingMessage): Promise<Params> {
  const body = await readBody(request);
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = body ? JSON.parse(body) : {};
    } catch {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Invalid JSON received in the request body.',
        {},
        true,
      );
    }
    const params = fromJson(parsed);
    if (typeof params === 'string' || Array.isArray(params)) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'The JSON body must be an object.',
        {},
        true,
      );
    }
    return params;
  }
  return parseForm(body);
}

/** Card numbers and CVCs never reach the request log. */
function redact(params: Params): Params {
  const copy = structuredClone(params);
  const walk = (node: Params) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'number' && typeof value === 'string') node[key] = `••••${value.slice(-4)}`;
      else if (key === 'cvc' && typeof value === 'string') node[key] = '•••';
      else if (typeof value === 'object' && !Array.isArray(value)) walk(value);
    }
  };
  walk(copy);
  return copy;
}

export type RunningStripeEmulator = {
  url: string;
  port: number;
  emulator: StripeEmulator;
  close: () => Promise<void>;
};

export function startStripeEmulator(
  options: StripeEmulatorOptions = {},
): Promise<RunningStripeEmulator> {
  const emulator = new StripeEmulator(options);
  const server: Server = createServer((request, response) => {
    void emulator.handle(request, response).catch((error: unknown) => {
      console.error('stripe emulator:', error);
      if (!response.headersSent)
        sendJson(response, 500, { error: { type: 'api_error', message: 'Internal error' } });
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        emulator,
        close: async () => {
          emulator.state.refundSchedule.stop();
          emulator.webhooks.reset();
          server.closeAllConnections();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
