/**
 * A local mail catcher: SMTP in (smtp-server), an in-memory mailbox, and
 * Mailpit's v1 REST API plus a small web inbox out (node:http). See README.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';
import { addApiRoutes } from './api';
import { sendText } from './http-util';
import { Router } from './router';
import { createSmtpServer } from './smtp';
import { MailStore } from './store';
import type { StoredMessage } from './types';
import { addWebRoutes } from './web';

export type { MailAddress, StoredAttachment, StoredMessage } from './types';

export const DEFAULT_MAX_MESSAGES = 500;
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export type MailServerOptions = {
  /** 0 (the default) picks a free port. */
  smtpPort?: number;
  /** 0 (the default) picks a free port. */
  httpPort?: number;
  /** Both servers listen here; 127.0.0.1 by default. */
  host?: string;
  /** The oldest message is dropped past this many (default 500). */
  maxMessages?: number;
  /** Larger messages are refused with SMTP 552 (default 10 MiB). */
  maxMessageBytes?: number;
};

export type RunningMailServer = {
  smtpPort: number;
  httpPort: number;
  /** The HTTP base: the inbox is here and the API under /api/v1/. */
  url: string;
  /** Every stored message, newest first. */
  messages: () => readonly StoredMessage[];
  /** Stops both servers, dropping open connections; the ports are free once it resolves. */
  close: () => Promise<void>;
};

function listenSmtp(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

function listenHttp(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startMailServer(options: MailServerOptions = {}): Promise<RunningMailServer> {
  const host = options.host ?? '127.0.0.1';
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const store = new MailStore(options.maxMessages ?? DEFAULT_MAX_MESSAGES);

  const router = new Router();
  addApiRoutes(router, store);
  addWebRoutes(router, store);

  const http = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mail-emulator');
    Promise.resolve(router.handle(request, response, url)).catch((error: unknown) => {
      console.error('mail emulator:', error);
      if (!response.headersSent) sendText(response, 500, 'Internal error in the mail emulator');
      else response.destroy();
    });
  });
  const smtp = createSmtpServer({ store, maxMessageBytes });
  // smtp-server re-emits listen and client errors on itself, and an 'error'
  // event nobody listens to would end the process. A failed listen rejects
  // below; once listening, a misbehaving client is only worth a log line.
  let listening = false;
  smtp.on('error', (error: Error) => {
    if (listening) console.error('mail emulator (smtp):', error.message);
  });

  const smtpPort = await listenSmtp(smtp, options.smtpPort ?? 0, host);
  listening = true;
  let httpPort: number;
  try {
    httpPort = await listenHttp(http, options.httpPort ?? 0, host);
  } catch (error) {
    await closeSmtp(smtp);
    throw error;
  }

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    smtpPort,
    httpPort,
    url: `http://${urlHost}:${httpPort}`,
    messages: () => store.list(),
    close: async () => {
      await Promise.all([closeSmtp(smtp), closeHttp(http)]);
    },
  };
}
