/** Serves the Stripe.js stand-in: the script, the Element iframes and the 3D Secure page. */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { formatAmount } from '../format-amount';
import type { EmulatorState } from '../state';
import { elementPage, threeDsPage } from './pages';

const read = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8');
const STRIPE_JS = read('stripe.js');
const FRAME_JS = read('element-frame.js');
const THREE_DS_JS = read('three-ds.js');

const ELEMENT_TYPES = new Set(['payment', 'address', 'linkAuthentication']);

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** The script URL: the emulator's origin with Stripe's own paths (/v3, /endive/stripe.js). */
export function isStripeJsPath(path: string): boolean {
  return /^\/(v3\/?|[a-z]+\/stripe\.js|js\.stripe\.com\/[a-z0-9]+\/stripe\.js)$/.test(path);
}

/** Answers the stand-in's paths; false for any other path. */
export function serveStripeJs(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  origin: string,
  state: EmulatorState,
): boolean {
  if (request.method !== 'GET') return false;
  const path = url.pathname;
  if (isStripeJsPath(path)) {
    send(response, 200, 'application/javascript', STRIPE_JS.replace('__EMULATOR_ORIGIN__', origin));
    return true;
  }
  if (path === '/elements/frame.js') {
    send(response, 200, 'application/javascript', FRAME_JS);
    return true;
  }
  if (path === '/3ds/challenge.js') {
    send(response, 200, 'application/javascript', THREE_DS_JS);
    return true;
  }
  const element = /^\/elements\/([A-Za-z]+)$/.exec(path);
  if (element && ELEMENT_TYPES.has(element[1]!)) {
    let options: unknown = {};
    try {
      options = JSON.parse(url.searchParams.get('options') ?? '{}');
    } catch {
      // Element options are optional; bad JSON means none.
    }
    send(
      response,
      200,
      'text/html',
      elementPage({
        type: element[1]!,
        id: url.searchParams.get('id') ?? '',
        origin: url.searchParams.get('origin') ?? '',
        key: url.searchParams.get('key') ?? '',
        options,
      }),
    );
    return true;
  }
  const challenge = /^\/3ds\/(pi_[A-Za-z0-9]+)$/.exec(path);
  if (challenge) {
    const intent = state.paymentIntents.get(challenge[1]!);
    const clientSecret = url.searchParams.get('client_secret') ?? '';
    if (!intent || intent.client_secret !== clientSecret) {
      send(response, 404, 'text/plain', 'No such payment to authenticate.');
      return true;
    }
    const next = intent.next_action as { redirect_to_url?: { return_url?: string | null } } | null;
    send(
      response,
      200,
      'text/html',
      threeDsPage({
        intentId: intent.id,
        clientSecret,
        key: url.searchParams.get('key') ?? '',
        origin: url.searchParams.get('origin') ?? '',
        returnUrl: next?.redirect_to_url?.return_url ?? null,
        amount: formatAmount(intent.amount, intent.currency),
      }),
    );
    return true;
  }
  return false;
}
