import 'server-only';
import nodemailer from 'nodemailer';
import { getEnv } from '../env';

export type OutgoingMail = {
  /** Becomes the Message-ID, so a mail server can drop a resent duplicate. */
  id: string;
  to: { name?: string; address: string };
  subject: string;
  html: string;
  text: string;
};

export type Mailer = { send: (mail: OutgoingMail) => Promise<void> };

/** An SMTP server that takes longer than this to answer is treated as down: the job retries. */
const SMTP_TIMEOUT_MS = 10_000;

/** A header value with a line break could start a header of its own. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function createMailer({ smtpUrl, from }: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // Reuse connections: a sweep sends many messages, and each new SMTP session costs a greeting.
    pool: true,
    maxConnections: 4,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  const domain = from.match(/@([^>\s]+)/)?.[1] ?? 'folio.local';
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: { name: oneLine(mail.to.name ?? ''), address: mail.to.address },
        subject: oneLine(mail.subject),
        html: mail.html,
        text: mail.text,
        messageId: `<${mail.id.replace(/[^\w.-]/g, '.')}@${domain}>`,
      });
    },
  };
}

let mailer: Mailer | undefined;

export function getMailer(): Mailer {
  mailer ??= createMailer(getEnv().mail);
  return mailer;
}
