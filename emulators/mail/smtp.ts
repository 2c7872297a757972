/**
 * The SMTP side: plain SMTP without TLS (no STARTTLS offered, so clients with
 * `secure: false` never try to upgrade), AUTH optional but PLAIN and LOGIN
 * accepted with any credentials (so `smtp://user:pass@…` URLs work), and a
 * size limit announced with SIZE and enforced with a 552 reply.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { newMessageId } from './ids';
import { toStoredMessage } from './message';
import type { MailStore } from './store';

export type SmtpOptions = {
  store: MailStore;
  maxMessageBytes: number;
};

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

function username(session: SMTPServerSession): string {
  const user: unknown = session.user;
  return typeof user === 'string' ? user : '';
}

export function createSmtpServer({ store, maxMessageBytes }: SmtpOptions): SMTPServer {
  const receive = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    done: (error?: Error | null, message?: string) => void,
  ) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    stream.on('data', (chunk: Buffer) => {
      // Past the limit the message is refused anyway; stop holding on to it.
      if (kept + chunk.length > maxMessageBytes) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    stream.once('error', (error: Error) => done(smtpError(451, `Error: ${error.message}`)));
    stream.once('end', () => {
      if (stream.sizeExceeded) {
        return done(
          smtpError(552, `Error: message exceeds fixed maximum message size ${maxMessageBytes}`),
        );
      }
      const id = newMessageId();
      const arrival = {
        id,
        received: new Date(),
        username: username(session),
        envelope: {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
        },
      };
      const seq = store.reserve();
      toStoredMessage(Buffer.concat(chunks), arrival).then(
        (message) => {
          store.add(seq, message);
          done(null, `Ok: queued as ${id}`);
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          done(smtpError(451, `Error: the message could not be parsed: ${reason}`));
        },
      );
    });
  };

  return new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    authMethods: ['PLAIN', 'LOGIN'],
    // AUTH over plain text is what a local catcher is for; without this
    // smtp-server would only offer AUTH after STARTTLS.
    allowInsecureAuth: true,
    size: maxMessageBytes,
    rejectOversized: true,
    banner: 'mail emulator',
    // Clients are local; a reverse DNS lookup per connection only adds delay.
    disableReverseLookup: true,
    logger: false,
    // close() should not wait the default 30 s for idle clients (pooled transports).
    closeTimeout: 250,
    onAuth(auth, _session, callback) {
      // Any credentials will do; smtp-server treats an empty user as a failed login.
      callback(null, { user: auth.username || 'anonymous' });
    },
    onData: receive,
  });
}
