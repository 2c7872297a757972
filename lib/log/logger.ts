import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Anything a log line must never carry, wherever it sits in an object: keys,
 * client secrets, card numbers, cookies, authorization headers.
 */
const REDACTED = [
  '*.client_secret',
  '*.clientSecret',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.cookie',
  '*.card.number',
  'client_secret',
  'clientSecret',
];

/** One JSON line per event; tests pass their own destination to read them. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: { service: 'folio' },
      redact: { paths: REDACTED, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

let root: Logger | undefined;

export function getLogger(): Logger {
  root ??= createLogger();
  return root;
}

/** A request's id: the platform's when it sends one, else a new one. */
export function requestId(headers: Headers): string {
  const given = headers.get('x-request-id') ?? headers.get('x-vercel-id');
  return given && /^[\w:.-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}

/** A logger for one request, every line carrying its id. */
export function requestLogger(headers: Headers): Logger {
  return getLogger().child({ requestId: requestId(headers) });
}
