/**
 * Guards for JSON endpoints that change state: same-origin only, JSON only,
 * small bodies only. Every refusal is `{"error": {"message", "field"}}`.
 */
import 'server-only';
import { getEnv } from '../env';
import { readLimitedText } from './read-limited-body';

export const MAX_JSON_BODY_BYTES = 16 * 1024;

export function jsonError(status: number, message: string, field: string | null = null) {
  return Response.json({ error: { message, field } }, { status });
}

/**
 * Origin must be the store's configured public origin (APP_URL), never
 * whatever a forwarded header claims. In development, which is opened as
 * localhost, 127.0.0.1 or a LAN address alike, the Host served counts too.
 */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const env = getEnv();
  if (origin === new URL(env.appUrl).origin) return true;
  if (env.isProduction) return false;
  try {
    return new URL(origin).host === request.headers.get('host');
  } catch {
    return false;
  }
}

export type JsonBody = { ok: true; body: unknown } | { ok: false; response: Response };

/** For the shopper's API, which a browser's cookies authenticate: same-origin requests only. */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  if (!isSameOrigin(request)) {
    return {
      ok: false,
      response: jsonError(403, 'Requests must come from this site (same Origin).', 'Origin'),
    };
  }
  return readJson(request);
}

/** A small JSON body, for APIs authenticated by a key rather than cookies. */
export async function readJson(request: Request): Promise<JsonBody> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return {
      ok: false,
      response: jsonError(
        415,
        'Send the body as JSON with Content-Type: application/json.',
        'Content-Type',
      ),
    };
  }
  const text = await readLimitedText(request, MAX_JSON_BODY_BYTES);
  if (text === null) {
    return {
      ok: false,
      response: jsonError(413, `The body must be at most ${MAX_JSON_BODY_BYTES} bytes.`),
    };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, 'The body is not valid JSON.') };
  }
}
