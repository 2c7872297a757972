/**
 * The part of Mailpit's v1 REST API that tests and tools use to read mail
 * (server/apiv1 in axllent/mailpit): list, search, read, raw source, headers,
 * delete. Error bodies are plain text, as Mailpit's are.
 */
import { BodyTooLarge, notFound, readBody, send, sendJson, sendText } from './http-util';
import { messageJson, messagesJson } from './mailpit-json';
import type { RouteContext, Router } from './router';
import { compileSearch } from './search';
import type { MailStore } from './store';
import type { StoredMessage } from './types';

/** Mailpit's getStartLimit: start ≥ 0 (default 0), limit ≥ 0 (default 50; 0 means all). */
function page(url: URL): { start: number; limit: number; before: number | null } {
  const integer = (name: string) => {
    const value = url.searchParams.get(name) ?? '';
    return /^[+-]?\d+$/.test(value) ? Number(value) : null;
  };
  const start = integer('start');
  const limit = integer('limit');
  const before = Date.parse(url.searchParams.get('before') ?? '');
  return {
    start: start !== null && start > 0 ? start : 0,
    limit: limit !== null && limit > -1 ? limit : 50,
    before: Number.isNaN(before) ? null : before,
  };
}

function search(store: MailStore, query: string, before: number | null = null): StoredMessage[] {
  const matches = compileSearch(query);
  return store
    .list()
    .filter(
      (m) => (before === null || m.created.getTime() < before) && matches(m, store.isRead(m.id)),
    );
}

/** `latest` stands for the newest message, or the newest matching `?query=`. */
export function findMessage(store: MailStore, id: string, url: URL): StoredMessage | undefined {
  if (id !== 'latest') return store.get(id);
  const query = url.searchParams.get('query')?.trim();
  return query ? search(store, query)[0] : store.latest();
}

function withMessage(
  store: MailStore,
  answer: (message: StoredMessage, context: RouteContext) => void,
): (context: RouteContext) => void {
  return (context) => {
    const id = context.params.id!;
    const message = findMessage(store, id, context.url);
    if (message) return answer(message, context);
    if (id === 'latest') return sendText(context.response, 404, 'Message not found');
    notFound(context.response);
  };
}

/** The IDs in a `{"IDs": [...]}` body; none (so: everything) when the body is absent or not that. */
async function requestedIds(context: RouteContext): Promise<string[]> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(context.request));
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    return [];
  }
  if (typeof body !== 'object' || body === null || !('IDs' in body)) return [];
  const { IDs } = body;
  return Array.isArray(IDs) ? IDs.filter((id): id is string => typeof id === 'string') : [];
}

export function addApiRoutes(router: Router, store: MailStore): void {
  router
    .on('GET', '/api/v1/messages', ({ response, url }) => {
      const { before, ...window } = page(url);
      const listed = before === null ? store.list() : search(store, '', before);
      sendJson(response, 200, messagesJson(store, listed, window));
    })
    .on('DELETE', '/api/v1/messages', async (context) => {
      let ids: string[];
      try {
        ids = await requestedIds(context);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        return sendText(context.response, 400, error.message);
      }
      // As in Mailpit: no IDs (or no body) deletes every message.
      if (ids.length === 0) store.clear();
      else store.delete(ids);
      sendText(context.response, 200, 'ok');
    })
    .on('GET', '/api/v1/search', ({ response, url }) => {
      const query = url.searchParams.get('query')?.trim();
      if (!query) return sendText(response, 400, 'Error: no search query');
      const { before, ...window } = page(url);
      sendJson(response, 200, messagesJson(store, search(store, query, before), window));
    })
    .on('DELETE', '/api/v1/search', ({ response, url }) => {
      const query = url.searchParams.get('query')?.trim();
      if (!query) return sendText(response, 400, 'Error: no search query');
      store.delete(search(store, query).map((m) => m.id));
      sendText(response, 200, 'ok');
    })
    .on(
      'GET',
      '/api/v1/message/{id}',
      withMessage(store, (message, { response }) => {
        // Reading a message marks it read, as in Mailpit.
        store.markRead(message.id);
        sendJson(response, 200, messageJson(message));
      }),
    )
    .on(
      'GET',
      '/api/v1/message/{id}/headers',
      withMessage(store, (message, { response }) => sendJson(response, 200, message.headers)),
    )
    .on(
      'GET',
      '/api/v1/message/{id}/raw',
      withMessage(store, (message, { response, url }) => {
        const download: Record<string, string> =
          url.searchParams.get('dl') === '1'
            ? { 'content-disposition': `attachment; filename="${message.id}.eml"` }
            : {};
        send(response, 200, 'text/plain; charset=utf-8', message.raw, download);
      }),
    )
    // Mailpit's liveness and readiness probes: an empty 200.
    .on('GET', '/livez', ({ response }) => sendText(response, 200, ''))
    .on('GET', '/readyz', ({ response }) => sendText(response, 200, ''));
}
