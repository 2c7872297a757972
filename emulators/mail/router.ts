/**
 * Method-and-path routing with Go 1.22 ServeMux answers, which Mailpit uses:
 * `{name}` matches one path segment, a GET route also answers HEAD, an unknown
 * path is a plain-text 404 and a known path with the wrong method a 405 with
 * an Allow header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound, send } from './http-util';

export type RouteContext = {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
};

export type Handler = (context: RouteContext) => void | Promise<void>;

type Route = { method: string; segments: string[]; handler: Handler };

export class Router {
  private readonly routes: Route[] = [];

  on(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS',
    pattern: string,
    handler: Handler,
  ): this {
    this.routes.push({ method, segments: pattern.split('/').slice(1), handler });
    return this;
  }

  private static match(route: Route, parts: readonly string[]): Record<string, string> | null {
    if (route.segments.length !== parts.length) return null;
    const params: Record<string, string> = {};
    for (const [i, segment] of route.segments.entries()) {
      const part = parts[i]!;
      if (segment.startsWith('{') && segment.endsWith('}')) {
        if (part === '') return null;
        params[segment.slice(1, -1)] = part;
      } else if (segment !== part) return null;
    }
    return params;
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    let parts: string[];
    try {
      parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return notFound(response);
    }
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = Router.match(route, parts);
      if (!params) continue;
      if (route.method === method) return route.handler({ request, response, url, params });
      allowed.add(route.method);
      if (route.method === 'GET') allowed.add('HEAD');
    }
    if (allowed.size === 0) return notFound(response);
    send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', {
      allow: [...allowed].sort().join(', '),
    });
  }
}
