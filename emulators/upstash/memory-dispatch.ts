/**
 * The in-memory backend's path for one command: the checks Redis makes
 * (unknown command, arity, option case, integer arguments, WRONGTYPE), then
 * the backend's own implementation or ioredis-mock's, then the reply in
 * RESP2 form (flat arrays, bulk strings as Buffers, status replies as
 * strings), then Redis's rule that an emptied hash, list, set or sorted set
 * no longer exists. Synchronous, so a batch of commands is never interleaved.
 */
import { normalizeOptions, SPECS, type CommandSpec } from './memory-command-specs';
import { MemoryLua } from './memory-lua';
import { OVERRIDES } from './memory-overrides';
import { typeOf, type MemoryStore } from './memory-store';
import { checkArity, isWrite, keyPositions, wrongArity } from './redis-command-table';
import { parseInt64 } from './redis-numbers';
import { commandName, ReplyError, type Command, type Reply } from './reply';

/**
 * ioredis-mock has these, but stores streams as lists, cannot deliver
 * messages here, and answers INFO and LOLWUT only asynchronously.
 */
const NOT_IN_MEMORY = new Set([
  'info',
  'lolwut',
  'xadd',
  'xlen',
  'xrange',
  'xrevrange',
  'xread',
  'publish',
  'pubsub',
  'psubscribe',
  'punsubscribe',
  'subscribe',
  'unsubscribe',
  'brpoplpush',
]);

const SCRIPTING = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script']);

function notImplemented(name: string): ReplyError {
  return new ReplyError(
    `ERR unknown command '${name}': the in-memory backend does not implement it (set REDIS_URL to run over a real Redis)`,
  );
}

/** ioredis-mock throws plain Errors; Redis errors start with an upper-case code. */
function asReplyError(error: unknown): ReplyError {
  const message = error instanceof Error ? error.message : String(error);
  return new ReplyError(/^[A-Z]+ /.test(message) ? message : `ERR ${message}`);
}

/** ioredis-mock's answer as Redis would send it over RESP2. */
function toReply(value: unknown, status: boolean): Reply {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return new ReplyError('ERR value is not a valid float');
    return Number.isInteger(value) ? value : Buffer.from(String(value));
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return status ? value : Buffer.from(value);
  if (Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => toReply(item, false));
  if (value instanceof Set) return [...value].map((item) => toReply(item, false));
  // HGETALL and friends answer a JavaScript object; Redis answers field, value, field, value.
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([field, item]) => [
      Buffer.from(field),
      toReply(item, false),
    ]);
  }
  return Buffer.from(String(value));
}

function isEmptyContainer(value: unknown): boolean {
  if (value === undefined || typeof value === 'string' || Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Set || value instanceof Map) return value.size === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

export class MemoryDispatch {
  private readonly lua: MemoryLua;

  constructor(private readonly store: MemoryStore) {
    this.lua = new MemoryLua((command) => this.run(command));
  }

  private implements(name: string): boolean {
    if (SCRIPTING.has(name) || OVERRIDES[name]) return true;
    return this.store.has(name) && !NOT_IN_MEMORY.has(name);
  }

  private refusalOf(name: string, args: string[]): ReplyError | null {
    const refused = checkArity(name, args);
    if (refused) return refused;
    const pairsFrom = SPECS[name]?.pairsFrom;
    if (pairsFrom !== undefined && (args.length - pairsFrom) % 2 !== 0) return wrongArity(name);
    return this.implements(name) ? null : notImplemented(name);
  }

  /** Why Redis would not even queue the command (so a transaction is discarded); null if it would. */
  refusal(command: Command): ReplyError | null {
    return this.refusalOf(
      commandName(command),
      command.slice(1).map((arg) => arg.toString('utf8')),
    );
  }

  /** Whether the command may change data (scripts may). */
  writes(command: Command): boolean {
    const name = commandName(command);
    return SCRIPTING.has(name) || isWrite(name);
  }

  private wrongType(name: string, args: string[], spec: CommandSpec): ReplyError | null {
    if (!spec.type) return null;
    const keys = keyPositions(name, args).slice(spec.overwritesFirstKey ? 1 : 0);
    const mismatch = keys.some((i) => {
      const type = typeOf(this.store.data.get(args[i]!));
      return type !== undefined && type !== spec.type;
    });
    return mismatch
      ? new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')
      : null;
  }

  private runScripting(name: string, args: Command): Reply {
    // The read-only variants are not held to reading only.
    if (name === 'eval' || name === 'eval_ro') return this.lua.eval(args);
    if (name === 'evalsha' || name === 'evalsha_ro') return this.lua.evalsha(args);
    return this.lua.script(args);
  }

  run(command: Command): Reply {
    const name = commandName(command);
    let args = command.slice(1).map((arg) => arg.toString('utf8'));
    const refused = this.refusalOf(name, args);
    if (refused) return refused;
    if (SCRIPTING.has(name)) return this.runScripting(name, command.slice(1));

    const spec = SPECS[name] ?? {};
    if (spec.options) args = normalizeOptions(spec.options, args);
    const notInteger = (spec.integers ?? []).some(
      (i) => i < args.length && parseInt64(args[i]) === null,
    );
    if (notInteger) return new ReplyError('ERR value is not an integer or out of range');
    if ((spec.counts ?? []).some((i) => i < args.length && parseInt64(args[i])! < 0n)) {
      return new ReplyError('ERR value is out of range, must be positive');
    }
    if (spec.cursor !== undefined && parseInt64(args[spec.cursor]) === null) {
      return new ReplyError('ERR invalid cursor');
    }
    const wrongType = this.wrongType(name, args, spec);
    if (wrongType) return wrongType;

    let reply: Reply;
    try {
      const override = OVERRIDES[name];
      // PING answers the status PONG, or its argument as a bulk string.
      const status = Boolean(spec.status) || (name === 'ping' && args.length === 0);
      reply = override
        ? override(this.store, args, name)
        : toReply(this.store.call(name, args), status);
    } catch (error) {
      reply = asReplyError(error);
    }
    if (isWrite(name)) this.dropEmpty(name, args);
    return reply;
  }

  private dropEmpty(name: string, args: string[]): void {
    for (const i of keyPositions(name, args)) {
      const key = args[i]!;
      if (isEmptyContainer(this.store.data.get(key))) this.store.data.delete(key);
    }
  }
}
