import { startMailServer, type RunningMailServer } from './server';

export const DEFAULT_MAIL_SMTP_PORT = 1025;
export const DEFAULT_MAIL_HTTP_PORT = 8025;

/**
 * Starts the mail catcher as configured by the environment, on Mailpit's ports
 * so that either can stand in for the other:
 *
 *   MAIL_EMULATOR_SMTP_PORT   SMTP port (default 1025)
 *   MAIL_EMULATOR_HTTP_PORT   web inbox and API port (default 8025)
 */
export function startMailFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<RunningMailServer> {
  return startMailServer({
    smtpPort: Number(env.MAIL_EMULATOR_SMTP_PORT || DEFAULT_MAIL_SMTP_PORT),
    httpPort: Number(env.MAIL_EMULATOR_HTTP_PORT || DEFAULT_MAIL_HTTP_PORT),
  });
}

export function describeMail(server: RunningMailServer): string {
  const { hostname } = new URL(server.url);
  return `Mail emulator: SMTP on smtp://${hostname}:${server.smtpPort}, inbox and Mailpit API at ${server.url}`;
}
