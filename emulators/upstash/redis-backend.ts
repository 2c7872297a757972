/**
 * Runs commands on a real Redis server through node-redis, over one RESP2
 * connection. node-redis writes the commands queued in one tick back to
 * back, so a request's MULTI…EXEC batch is never interleaved with another's.
 *
 * There is no offline queue: while Redis is unreachable every request fails
 * at once with BackendUnavailableError instead of waiting, and node-redis
 * reconnects in the background.
 */
import { createClient, ErrorReply, RESP_TYPES } from '@redis/client';
import { RedisScriptAliases, type Rewritten } from './redis-script-aliases';
import { rejectUnsupported } from './rest-unsupported';
import {
  BackendUnavailableError,
  ReplyError,
  type Backend,
  type Command,
  type Reply,
} from './reply';

const CONNECT_TIMEOUT_MS = 500;
/** Redis is local, so try again soon; a returning Redis is picked up within half a second. */
const reconnectDelay = (retries: number) => Math.min(50 * (retries + 1), 500);

function connectTo(url: string) {
  return createClient({
    url,
    RESP: 2,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: reconnectDelay },
  });
}

type Client = ReturnType<typeof connectTo>;

/** Bulk strings as Buffers (byte-exact); status replies stay JS strings, as Reply expects. */
function rawCommands(client: Client) {
  return client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
}

/** node-redis's RESP2 replies, as the rest of the emulator passes them around. */
function toReply(value: unknown): Reply {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || Buffer.isBuffer(value)) {
    return value;
  }
  if (value instanceof ErrorReply) return new ReplyError(value.message);
  if (Array.isArray(value)) return value.map(toReply);
  throw new Error(`unexpected reply from Redis: ${String(value)}`);
}

export class RedisBackend implements Backend {
  readonly description: string;
  private readonly client: Client;
  private readonly send: ReturnType<typeof rawCommands>;
  private readonly scripts = new RedisScriptAliases();
  /** Settles once the first connection attempt has succeeded or failed. */
  private readonly firstAttempt: Promise<void>;
  private lastError: Error | undefined;

  constructor(redisUrl: string) {
    const url = new URL(redisUrl);
    if (url.protocol !== 'redis:')
      throw new Error(`REDIS_URL must be redis://host:port, got ${redisUrl}`);
    this.description = `redis://${url.hostname || '127.0.0.1'}:${url.port || 6379}`;
    this.client = connectTo(redisUrl);
    this.send = rawCommands(this.client);
    this.firstAttempt = new Promise((settle) => {
      this.client.once('ready', () => settle());
      this.client.once('error', () => settle());
    });
    // Without a listener an 'error' event would crash the process; the
    // error is reported to the next request instead.
    this.client.on('error', (error: Error) => {
      this.lastError = error;
    });
    this.client.connect().catch((error: Error) => {
      this.lastError = error;
    });
  }

  private unavailable(error: unknown): BackendUnavailableError {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return new BackendUnavailableError(`Redis at ${this.description} is unavailable: ${reason}`);
  }

  /** Waits only for the very first connection; after that, not ready means down. */
  private async ready(): Promise<void> {
    if (this.client.isReady) return;
    await this.firstAttempt;
    if (!this.client.isReady) {
      throw this.unavailable(this.lastError ?? new Error('not connected'));
    }
  }

  /** Sends the commands in one tick, so they go out together and in order. */
  private async run(
    commands: Command[],
    chainId?: symbol,
  ): Promise<PromiseSettledResult<unknown>[]> {
    const sent = commands.map((command) => this.send.sendCommand(command, { chainId }));
    const settled = await Promise.allSettled(sent);
    const lost = settled.find(
      (result) => result.status === 'rejected' && !(result.reason instanceof ErrorReply),
    );
    if (lost?.status === 'rejected') throw this.unavailable(lost.reason);
    return settled;
  }

  async pipeline(commands: Command[]): Promise<Reply[]> {
    rejectUnsupported(commands);
    await this.ready();
    const rewritten = commands.map((command) => this.scripts.rewrite(command));
    const settled = await this.run(rewritten.map((r) => r.command));
    return settled.map((result, i) => rewritten[i]!.fixReply(settledReply(result)));
  }

  async transaction(commands: Command[]): Promise<Reply[] | ReplyError> {
    rejectUnsupported(commands);
    await this.ready();
    const rewritten: Rewritten[] = commands.map((command) => this.scripts.rewrite(command));
    const settled = await this.run(
      [[Buffer.from('multi')], ...rewritten.map((r) => r.command), [Buffer.from('exec')]],
      Symbol('multi-exec'),
    );
    const replies = settled.map(settledReply);
    // Redis discards the whole transaction when a command could not be queued;
    // its own error is more useful than the EXECABORT that follows.
    const queueError = replies.slice(1, -1).find((r) => r instanceof ReplyError);
    const exec = replies[replies.length - 1];
    if (queueError instanceof ReplyError) return queueError;
    if (exec instanceof ReplyError) return exec;
    if (!Array.isArray(exec)) return new ReplyError('ERR transaction aborted');
    return exec.map((reply, i) => rewritten[i]!.fixReply(reply));
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else if (this.client.isOpen) this.client.destroy();
  }
}

function settledReply(result: PromiseSettledResult<unknown>): Reply {
  return result.status === 'fulfilled' ? toReply(result.value) : toReply(result.reason);
}
