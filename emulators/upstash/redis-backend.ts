/**
 * Runs commands on a real Redis server over one RESP2 connection. Redis
 * answers a connection's commands in order, and each request's commands are
 * written in one piece, so a MULTI…EXEC batch is never interleaved.
 *
 * There is no offline queue: while Redis is unreachable every request fails
 * at once with BackendUnavailableError instead of waiting.
 */
import { connect, type Socket } from 'node:net';
import { encodeCommand, ReplyParser } from './resp2';
import {
  BackendUnavailableError,
  commandName,
  ReplyError,
  type Backend,
  type Command,
  type Reply,
} from './reply';

const CONNECT_TIMEOUT_MS = 500;

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

export class RedisBackend implements Backend {
  readonly description: string;
  private readonly host: string;
  private readonly port: number;
  private readonly password: string | undefined;
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private pending: Pending[] = [];
  private parser = new ReplyParser();

  constructor(redisUrl: string) {
    const url = new URL(redisUrl);
    if (url.protocol !== 'redis:')
      throw new Error(`REDIS_URL must be redis://host:port, got ${redisUrl}`);
    this.host = url.hostname || '127.0.0.1';
    this.port = Number(url.port || 6379);
    this.password = url.password ? decodeURIComponent(url.password) : undefined;
    this.description = `redis://${this.host}:${this.port}`;
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = [];
    this.parser = new ReplyParser();
    this.socket?.destroy();
    this.socket = undefined;
    for (const p of pending) p.reject(error);
  }

  private open(): Promise<Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(
        () => socket.destroy(new Error('connection timed out')),
        CONNECT_TIMEOUT_MS,
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.on('data', (chunk: Buffer) => this.onData(chunk));
        socket.on('error', (error) => this.fail(this.unavailable(error)));
        socket.on('close', () => this.fail(this.unavailable(new Error('connection closed'))));
        if (this.password) {
          // Written before anything else, so it is the first reply to arrive.
          this.pending.push({
            resolve: (reply) => {
              if (reply instanceof ReplyError) {
                this.fail(new BackendUnavailableError(`Redis refused AUTH: ${reply.message}`));
              }
            },
            reject: () => {},
          });
          socket.write(encodeCommand([Buffer.from('auth'), Buffer.from(this.password)]));
        }
        this.socket = socket;
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(this.unavailable(error));
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private unavailable(error: Error): BackendUnavailableError {
    return new BackendUnavailableError(
      `Redis at ${this.description} is unavailable: ${error.message}`,
    );
  }

  private onData(chunk: Buffer): void {
    this.parser.push(chunk);
    let replies: Reply[];
    try {
      replies = this.parser.take();
    } catch (error) {
      this.fail(this.unavailable(error as Error));
      return;
    }
    for (const reply of replies) this.pending.shift()?.resolve(reply);
  }

  private send(commands: Command[], socket: Socket): Promise<Reply[]> {
    const replies = commands.map(
      () => new Promise<Reply>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    socket.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  async pipeline(commands: Command[]): Promise<Reply[]> {
    rejectBlocking(commands);
    return this.send(commands, await this.open());
  }

  async transaction(commands: Command[]): Promise<Reply[] | ReplyError> {
    rejectBlocking(commands);
    const replies = await this.send(
      [[Buffer.from('multi')], ...commands, [Buffer.from('exec')]],
      await this.open(),
    );
    // Redis discards the whole transaction when a command could not be queued;
    // its own error is more useful than the EXECABORT that follows.
    const queueError = replies.slice(1, -1).find((r) => r instanceof ReplyError);
    const exec = replies[replies.length - 1];
    if (queueError instanceof ReplyError) return queueError;
    if (exec instanceof ReplyError) return exec;
    return Array.isArray(exec) ? exec : new ReplyError('ERR transaction aborted');
  }

  async close(): Promise<void> {
    this.socket?.end();
    this.socket = undefined;
  }
}

const BLOCKING = new Set([
  'blpop',
  'brpop',
  'blmove',
  'brpoplpush',
  'bzpopmin',
  'bzpopmax',
  'xread',
  'xreadgroup',
  'subscribe',
  'psubscribe',
  'monitor',
  'multi',
  'exec',
  'watch',
  'unwatch',
  'discard',
]);

/** Commands that would hold the shared connection (or break its framing) are refused. */
function rejectBlocking(commands: Command[]): void {
  const blocked = commands.find((command) => BLOCKING.has(commandName(command)));
  if (blocked) {
    throw new ReplyError(`ERR '${commandName(blocked)}' is not supported over the REST API`);
  }
}
