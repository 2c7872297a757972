import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * On every answer: links in a message learn nothing of the inbox (same-origin
 * rather than no-referrer, under which browsers would send `Origin: null` on
 * the inbox's own form posts), and nothing is type-sniffed.
 */
const SECURITY_HEADERS = {
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
} as const;

export class BodyTooLarge extends Error {}

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
    ...headers,
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json', `${JSON.stringify(body)}\n`);
}

export function sendText(response: ServerResponse, status: number, text: string | Buffer): void {
  send(response, status, 'text/plain; charset=utf-8', text);
}

/** Mailpit's (Go's) answer for an unknown route or message. */
export function notFound(response: ServerResponse): void {
  sendText(response, 404, '404 page not found\n');
}

export function redirect(response: ServerResponse, location: string, status = 303): void {
  response.writeHead(status, { location, 'content-length': 0, ...SECURITY_HEADERS });
  response.end();
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
