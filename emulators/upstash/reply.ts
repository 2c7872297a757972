/**
 * Redis replies as the emulator passes them around: bulk strings are Buffers
 * (byte-exact), simple strings ("OK", "PONG", "QUEUED") are JS strings,
 * integers are numbers, nil is null, and errors are ReplyError values.
 */
export class ReplyError extends Error {
  override name = 'ReplyError';
}

export type Reply = null | number | string | Buffer | ReplyError | Reply[];

/** The backend itself cannot answer (Redis down or unreachable). */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** A command as received: name first, arguments as bytes. */
export type Command = Buffer[];

export interface Backend {
  /** A name for logs, such as "memory" or "redis://127.0.0.1:6379". */
  readonly description: string;
  /** Runs the commands in order; a failing command yields a ReplyError in its place. */
  pipeline(commands: Command[]): Promise<Reply[]>;
  /**
   * Runs the commands atomically (MULTI/EXEC). A command that cannot be
   * queued (unknown, wrong arity) discards the whole transaction: one ReplyError.
   */
  transaction(commands: Command[]): Promise<Reply[] | ReplyError>;
  close(): Promise<void>;
}

export function commandName(command: Command): string {
  return (command[0] ?? Buffer.alloc(0)).toString('utf8').toLowerCase();
}
