/**
 * The OpenAPI document: valid OpenAPI 3.1, one operation for each route
 * handler under app/api (and none without one), and request bodies described
 * by the very zod schemas the routes parse with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { oas31 } from 'zod-openapi';
import { discountCodeBodySchema } from '@/lib/admin/discount-code-input';
import { stockBodySchema } from '@/lib/admin/stock-input';
import { cartCookieName } from '@/lib/cart/cart-cookie';
import { cartItemsBodySchema, parseCartItems } from '@/lib/cart/cart-input';
import { checkoutSessionRequestSchema } from '@/lib/checkout/checkout-session-api';
import { paymentIntentRequestSchema } from '@/lib/checkout/payment-intent-api';
import { sha256Hex } from '@/lib/env';
import { buildOpenApiDocument } from '@/lib/openapi/document';
import { docsPagePolicy, OPENAPI_DOCUMENT_PATH, renderDocsPage } from '@/lib/openapi/docs-page';
import { SCALAR_BUNDLE_PATH } from '@/lib/openapi/scalar-bundle';
import { quoteBodySchema } from '@/lib/pricing/quote-input';
import {
  firstIssue,
  refundBodySchema,
  refundRequestBodySchema,
  shipmentBodySchema,
} from '@/lib/refunds/refund-input';

// Read when a route first calls getEnv(), after these are in place.
const ORIGIN = 'https://shop.example.com';
const OPERATOR_KEY = 'openapi-test-operator-key';
vi.stubEnv('APP_URL', ORIGIN);
vi.stubEnv('ADMIN_API_KEYS', sha256Hex(OPERATOR_KEY));
// A worker may run other test files after this one.
afterAll(() => vi.unstubAllEnvs());

const API_DIR = path.join(process.cwd(), 'app', 'api');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const OPERATIONS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'] as const;

/** app/api/admin/orders/[id]/route.ts → /api/admin/orders/{id} */
function urlPathOf(routeFile: string): string {
  const segments = path
    .dirname(path.relative(path.join(process.cwd(), 'app'), routeFile))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups are not in the URL
    .map((segment) => {
      if (segment.startsWith('[...') || segment.startsWith('[[...')) {
        throw new Error(`${routeFile}: catch-all segments need a rule here`);
      }
      return segment.replace(/^\[(.+)\]$/, '{$1}');
    });
  return `/${segments.join('/')}`;
}

/**
 * The methods a route file exports, read from its source rather than by
 * importing it, so this test does not depend on every route's imports loading.
 */
function exportedMethods(source: string): string[] {
  const pattern = new RegExp(
    `export\\s+(?:async\\s+)?(?:function\\s+|const\\s+)(${HTTP_METHODS.join('|')})\\b`,
    'g',
  );
  return [...source.matchAll(pattern)].map((match) => match[1] ?? '');
}

function routedOperations(): string[] {
  return readdirSync(API_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts')
    .flatMap((file) => {
      const absolute = path.join(API_DIR, file);
      const methods = exportedMethods(readFileSync(absolute, 'utf8'));
      expect(methods, `${file} exports no HTTP method`).not.toEqual([]);
      return methods.map((method) => `${method} ${urlPathOf(absolute)}`);
    })
    .sort();
}

const document = buildOpenApiDocument();

function documentedOperations(): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([urlPath, item]) =>
      OPERATIONS.filter((method) => item[method]).map(
        (method) => `${method.toUpperCase()} ${urlPath}`,
      ),
    )
    .sort();
}

function operation(method: (typeof OPERATIONS)[number], urlPath: string): oas31.OperationObject {
  const found = document.paths?.[urlPath]?.[method];
  if (!found) throw new Error(`${method.toUpperCase()} ${urlPath} is not documented`);
  return found;
}

function jsonRequestSchema(op: oas31.OperationObject): unknown {
  const body = op.requestBody;
  if (!body || '$ref' in body) return undefined;
  return body.content['application/json']?.schema;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, as served', async () => {
    const served = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route handler under app/api, with the methods it exports', () => {
    const routed = routedOperations();
    expect(routed).toContain('POST /api/cart');
    expect(routed).toContain('GET /api/admin/orders/{id}');
    expect(documentedOperations()).toEqual(routed);
  });

  it('gives every operation an id, a tag, a security requirement and responses', () => {
    const ids = new Set<string>();
    for (const [urlPath, item] of Object.entries(document.paths ?? {})) {
      for (const method of OPERATIONS) {
        const op = item[method];
        if (!op) continue;
        const name = `${method.toUpperCase()} ${urlPath}`;
        expect(op.operationId, name).toBeTruthy();
        expect(ids.has(op.operationId ?? ''), `${name}: operationId used twice`).toBe(false);
        ids.add(op.operationId ?? '');
        expect(op.tags?.length, name).toBeGreaterThan(0);
        expect(op.security, name).toBeDefined();
        expect(Object.keys(op.responses ?? {}).length, name).toBeGreaterThan(0);
      }
    }
  });

  it('names how each part of the API is authenticated', () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(schemes).toMatchObject({
      cartCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: cartCookieName(process.env.NODE_ENV === 'production'),
      },
      operatorKey: { type: 'http', scheme: 'bearer' },
      cronSecret: { type: 'http', scheme: 'bearer' },
      stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
    });
    expect(operation('post', '/api/admin/refunds').security).toEqual([{ operatorKey: [] }]);
    expect(operation('get', '/api/cron/jobs').security).toEqual([{ cronSecret: [] }]);
    expect(operation('post', '/api/webhook').security).toEqual([{ stripeSignature: [] }]);
    expect(operation('get', '/api/health').security).toEqual([]);
  });
});

/** Each JSON body a route validates, and the schema it validates it with. */
const REQUEST_BODIES: Array<[(typeof OPERATIONS)[number], string, z.ZodType]> = [
  ['post', '/api/cart', cartItemsBodySchema],
  ['post', '/api/checkout/quote', quoteBodySchema],
  ['post', '/api/checkout/payment-intent', paymentIntentRequestSchema],
  ['post', '/api/checkout/session', checkoutSessionRequestSchema],
  ['post', '/api/admin/discount-codes', discountCodeBodySchema],
  ['post', '/api/admin/orders/{id}/shipment', shipmentBodySchema],
  ['post', '/api/admin/refunds', refundBodySchema],
  ['post', '/api/admin/refund-requests', refundRequestBodySchema],
  ['put', '/api/admin/books/{id}/stock', stockBodySchema],
];

describe('request bodies', () => {
  it.each(REQUEST_BODIES)(
    '%s %s is the JSON Schema of the zod schema it parses',
    (m, p, schema) => {
      const { $schema, ...expected } = z.toJSONSchema(schema, { io: 'input' });
      expect($schema).toBeDefined();
      expect(jsonRequestSchema(operation(m, p))).toEqual(expected);
    },
  );

  it('lists every documented JSON body above (the webhook excepted: Stripe signs it)', () => {
    const documented = documentedOperations().filter((name) => {
      const [method = '', urlPath = ''] = name.split(' ');
      const op = operation(method.toLowerCase() as (typeof OPERATIONS)[number], urlPath);
      return jsonRequestSchema(op) !== undefined && urlPath !== '/api/webhook';
    });
    const listed = REQUEST_BODIES.map(([m, p]) => `${m.toUpperCase()} ${p}`).sort();
    expect(documented).toEqual(listed);
  });
});

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

type Answer = { status: number; body: unknown };

async function post<P>(
  handler: Handler<P>,
  urlPath: string,
  body: unknown,
  params: P,
): Promise<Answer> {
  const response = await handler(
    new Request(`${ORIGIN}${urlPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${OPERATOR_KEY}`,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: (await response.json()) as unknown };
}

/** What a route that parses with `schema` and `firstIssue` answers for `body`. */
function refusal(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error(`${JSON.stringify(body)} is valid`);
  return { status: 400, body: { error: firstIssue(parsed.error) } };
}

const address = { country: 'US', state: 'NY', postal_code: '10001' };

describe('routes refuse what their documented schema refuses, in the same words', () => {
  it('POST /api/cart', async () => {
    const { POST } = await import('@/app/api/cart/route');
    const bodies = [
      {},
      [],
      { items: [] },
      { items: { b99: { quantity: 1 } } },
      { items: { b01: { quantity: 0 } } },
      { items: { b01: 2 } },
      '{"items":{"__proto__":{"quantity":1}}}',
    ];
    for (const body of bodies) {
      const parsed = parseCartItems(typeof body === 'string' ? JSON.parse(body) : body);
      if (parsed.ok) throw new Error(`${JSON.stringify(body)} is valid`);
      expect(await post(POST, '/api/cart', body, {})).toEqual({
        status: 400,
        body: { error: { message: parsed.message, field: parsed.field } },
      });
    }
  });

  // The route keeps its own copy of this schema until it imports lib/pricing/quote-input.ts.
  it('POST /api/checkout/quote', async () => {
    const { POST } = await import('@/app/api/checkout/quote/route');
    const bodies = [
      {},
      { address: 'US' },
      { address: {} },
      { address: { country: 'USA' } },
      { address: { ...address, zip: '10001' } },
      { address: { ...address, state: 7 } },
      { address: { ...address, postal_code: 'x'.repeat(21) } },
      { address: { ...address, city: 'x'.repeat(101) } },
      { address: { ...address, line1: 'x'.repeat(201) } },
      { address, shipping_rate: 'overnight' },
      { address, discount_code: 25 },
      { address, discount_code: 'X'.repeat(33) },
      { address, total: 1 },
    ];
    for (const body of bodies) {
      expect(await post(POST, '/api/checkout/quote', body, {})).toEqual(
        refusal(quoteBodySchema, body),
      );
    }
    // At the limits the schema allows, the route gets past its checks too: it goes on to read
    // the cart's cookie, which outside a request throws.
    const limits = [
      { address: { country: 'us', state: 'x'.repeat(60), postal_code: 'x'.repeat(20) } },
      { address: { ...address, city: 'x'.repeat(100), line1: 'x'.repeat(200) } },
      { address, shipping_rate: 'express', discount_code: 'X'.repeat(32) },
    ];
    for (const body of limits) {
      expect(quoteBodySchema.safeParse(body).success).toBe(true);
      await expect(post(POST, '/api/checkout/quote', body, {})).rejects.toThrow(/cookies/);
    }
  });

  it('POST /api/checkout/payment-intent', async () => {
    const { POST } = await import('@/app/api/checkout/payment-intent/route');
    const bodies = [{ address: { country: 'U' } }, { shipping_rate: 'slow' }, { amount: 1 }];
    for (const body of bodies) {
      expect(await post(POST, '/api/checkout/payment-intent', body, {})).toEqual(
        refusal(paymentIntentRequestSchema, body),
      );
    }
  });

  it('the operator API', async () => {
    const discountCodes = await import('@/app/api/admin/discount-codes/route');
    const shipment = await import('@/app/api/admin/orders/[id]/shipment/route');
    const refunds = await import('@/app/api/admin/refunds/route');
    const refundRequests = await import('@/app/api/admin/refund-requests/route');
    const cases: Array<[(body: unknown) => Promise<Answer>, z.ZodType, unknown[]]> = [
      [
        (body) => post(discountCodes.POST, '/api/admin/discount-codes', body, {}),
        discountCodeBodySchema,
        [{}, { code: 'x' }, { code: 'SPRING', percent_off: 10, amount_off: 100 }],
      ],
      [
        (body) =>
          post(shipment.POST, '/api/admin/orders/ord_abc/shipment', body, { id: 'ord_abc' }),
        shipmentBodySchema,
        [
          {},
          { carrier: 'UPS', tracking_number: '!' },
          { carrier: 'UPS', tracking_number: '1Z999', x: 1 },
        ],
      ],
      [
        (body) => post(refunds.POST, '/api/admin/refunds', body, {}),
        refundBodySchema,
        [{}, { order_id: 'ord_abc', amount: 1.5 }, { order_id: 'ord_abc', reason: 'whim' }],
      ],
      [
        (body) => post(refundRequests.POST, '/api/admin/refund-requests', body, {}),
        refundRequestBodySchema,
        [{}, { request_id: 'short', payment_intent_id: 'pi_1' }],
      ],
    ];
    for (const [send, schema, bodies] of cases) {
      for (const body of bodies) expect(await send(body)).toEqual(refusal(schema, body));
    }
  });
});

describe('the reference page', () => {
  it('serves the document the page reads', async () => {
    const { GET } = await import('@/app/api/openapi.json/route');
    const response = GET();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("loads Scalar from this site, under a nonce'd policy of its own", async () => {
    const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
    const html = await renderDocsPage(nonce);
    // The page's own policy comes first, before any script or style.
    expect(html).toMatch(
      /^<!doctype html>\s*<html>\s*<head>\s*<meta http-equiv="Content-Security-Policy"/,
    );
    expect(html).toContain(`content="${docsPagePolicy(nonce)}"`);
    expect(docsPagePolicy(nonce)).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(docsPagePolicy(nonce)).not.toMatch(/script-src[^;]*unsafe/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(html).toContain(`src="${SCALAR_BUNDLE_PATH}"`);
    expect(html).toContain(`"url": "${OPENAPI_DOCUMENT_PATH}"`);
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("serves Scalar's standalone bundle from node_modules", async () => {
    const { GET } = await import('@/app/api/docs/scalar.js/route');
    const response = await GET();
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await response.text();
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).toContain('createApiReference');
  });

  it('sends a fresh nonce with each page', async () => {
    const { GET } = await import('@/app/api/docs/route');
    const nonces = await Promise.all(
      [GET(), GET()].map(async (pending) => {
        const html = await (await pending).text();
        return /'nonce-([^']+)'/.exec(html)?.[1];
      }),
    );
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
