/**
 * The Upstash Redis REST protocol as @upstash/redis speaks it:
 * `POST /` (one command), `POST /pipeline` and `POST /multi-exec` (several),
 * bearer-token auth, `{"result"}` / `{"error"}` bodies, optional base64
 * response encoding and a read-your-writes sync token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BackendUnavailableError,
  ReplyError,
  type Backend,
  type Command,
  type Reply,
} from './reply';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type UpstashServerOptions = {
  backend: Backend;
  token: string;
  port?: number;
  host?: string;
};

export type RunningUpstashServer = {
  url: string;
  port: number;
  backend: Backend;
  /** Stops accepting requests and closes the backend (saving in-memory data). */
  close: () => Promise<void>;
};

type Encoded = null | number | string | Encoded[];
type Item = { result: Encoded } | { error: string };

class BadRequest extends Error {}

function encode(reply: Reply, base64: boolean): Encoded {
  if (reply === null || typeof reply === 'number') return reply;
  if (Array.isArray(reply)) return reply.map((r) => encode(r, base64));
  if (reply instanceof ReplyError) return reply.message;
  if (typeof reply === 'string')
    return base64 && reply !== 'OK' ? Buffer.from(reply).toString('base64') : reply;
  return base64 ? reply.toString('base64') : reply.toString('utf8');
}

function item(reply: Reply, base64: boolean): Item {
  return reply instanceof ReplyError ? { error: reply.message } : { result: encode(reply, base64) };
}

function toCommand(value: unknown, where: string): Command {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest(
      `ERR ${where} must be a non-empty JSON array like ["set", "key", "value"]`,
    );
  }
  return value.map((arg, i) => {
    if (typeof arg === 'string') return Buffer.from(arg);
    if (typeof arg === 'number' && Number.isFinite(arg)) return Buffer.from(String(arg));
    if (typeof arg === 'boolean') return Buffer.from(String(arg));
    throw new BadRequest(`ERR ${where}: argument ${i} must be a string, number or boolean`);
  });
}

function toCommands(value: unknown): Command[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest('ERR the body must be a non-empty JSON array of commands');
  }
  return value.map((command, i) => toCommand(command, `command ${i + 1}`));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new BadRequest(`ERR the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startUpstashServer(options: UpstashServerOptions): Promise<RunningUpstashServer> {
  const { backend, token } = options;
  let syncToken = 0;

  const send = (response: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
      'upstash-sync-token': String(++syncToken),
    });
    response.end(json);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
    if (request.method === 'GET' && path === '/') {
      return send(response, 200, {
        result: `Upstash-compatible REST server over ${backend.description}`,
      });
    }
    if (!['/', '/pipeline', '/multi-exec'].includes(path)) {
      return send(response, 404, {
        error: `ERR no such endpoint ${path}: use /, /pipeline or /multi-exec`,
      });
    }
    if (request.method !== 'POST') {
      return send(response, 405, { error: 'ERR only POST is allowed' });
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      return send(response, 401, { error: 'Unauthorized: missing or wrong bearer token' });
    }
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    try {
      let body: unknown;
      const text = await readBody(request);
      try {
        body = JSON.parse(text);
      } catch {
        throw new BadRequest('ERR the body is not valid JSON');
      }
      if (path === '/') {
        const [reply] = await backend.pipeline([toCommand(body, 'the command')]);
        if (reply instanceof ReplyError) return send(response, 400, { error: reply.message });
        return send(response, 200, { result: encode(reply ?? null, base64) });
      }
      const commands = toCommands(body);
      if (path === '/pipeline') {
        return send(
          response,
          200,
          (await backend.pipeline(commands)).map((r) => item(r, base64)),
        );
      }
      const replies = await backend.transaction(commands);
      if (replies instanceof ReplyError) return send(response, 400, { error: replies.message });
      return send(
        response,
        200,
        replies.map((r) => item(r, base64)),
      );
    } catch (error) {
      if (error instanceof BadRequest || error instanceof ReplyError) {
        return send(response, 400, { error: error.message });
      }
      if (error instanceof BackendUnavailableError) {
        return send(response, 503, { error: error.message });
      }
      console.error('upstash emulator:', error);
      return send(response, 500, { error: 'Internal error in the Upstash emulator' });
    }
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  server.keepAliveTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        backend,
        close: async () => {
          server.closeAllConnections();
          await new Promise<void>((done) => server.close(() => done()));
          await backend.close();
        },
      });
    });
  });
}
