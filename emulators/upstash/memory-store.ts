/**
 * One private ioredis-mock database, and its command implementations as
 * plain synchronous functions. ioredis-mock's public methods return promises
 * and reshape replies as ioredis does (HGETALL into an object); the REST
 * protocol needs Redis's own reply shapes, and Lua's redis.call needs an
 * answer before the script goes on.
 */
import RedisMock from 'ioredis-mock';

/** A value as ioredis-mock stores it. */
export type StoredValue =
  | string
  | Buffer
  | string[]
  | Set<string>
  | Record<string, string>
  | Map<string, { score: number; value: string }>;

export type StoredType = 'string' | 'hash' | 'list' | 'set' | 'zset';

/** The Redis type of a stored value, as ioredis-mock's own TYPE tells them apart. */
export function typeOf(value: StoredValue | undefined): StoredType | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Buffer.isBuffer(value)) return 'string';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Set) return 'set';
  if (value instanceof Map) return 'zset';
  return 'hash';
}

/** The parts of ioredis-mock's keyspace (`redis.data`) used here. */
export interface MockData {
  get(key: string): StoredValue | undefined;
  set(key: string, value: StoredValue): void;
  has(key: string): boolean;
  delete(key: string): void;
  keys(): string[];
  clear(): void;
}

/** Absolute expiry times in ms (`redis.expires`). */
export interface MockExpires {
  get(key: string): number | undefined;
  set(key: string, at: number): void;
  has(key: string): boolean;
  delete(key: string): void;
  clear(): void;
}

export type RawResult = unknown;
export type RawCommand = (this: MockInstance, ...args: string[]) => RawResult;

interface MockInstance {
  data: MockData;
  expires: MockExpires;
  disconnect(): void;
}

/**
 * ioredis-mock 8.13 keeps every command in a module-private table; a
 * Pipeline is the one thing handed each entry, through `_createCommand`, as
 * it is built. A subclass that only records them is how this module reaches
 * the table (the version is pinned, so this internal does not move).
 */
type PipelineConstructor = new (redis: MockInstance) => object;

function harvestCommands(redis: MockInstance): Map<string, RawCommand> {
  const found = new Map<string, RawCommand>();
  const Pipeline = (RedisMock as unknown as { Pipeline: PipelineConstructor }).Pipeline;
  class Recorder extends Pipeline {
    _createCommand(name: string, command: RawCommand) {
      if (!name.endsWith('Buffer') && name !== 'defineCommand') found.set(name, command);
      return () => this;
    }
  }
  new Recorder(redis);
  if (!found.has('get')) {
    throw new Error('ioredis-mock changed: its command table could not be read');
  }
  return found;
}

let databases = 0;

export class MemoryStore {
  readonly data: MockData;
  readonly expires: MockExpires;
  private readonly redis: MockInstance;
  private readonly commands: Map<string, RawCommand>;

  constructor() {
    // ioredis-mock shares one keyspace between instances with the same
    // host:port/db; a made-up host keeps each backend's data its own.
    this.redis = new RedisMock({
      host: `folio-memory-${++databases}`,
      lazyConnect: true,
    }) as unknown as MockInstance;
    this.data = this.redis.data;
    this.expires = this.redis.expires;
    this.commands = harvestCommands(this.redis);
  }

  has(name: string): boolean {
    return this.commands.has(name);
  }

  /** Runs one of ioredis-mock's commands; it throws Errors for Redis errors. */
  call(name: string, args: string[]): RawResult {
    const command = this.commands.get(name);
    if (!command) throw new Error(`ERR unknown command '${name}'`);
    return command.apply(this.redis, args);
  }

  close(): void {
    this.data.clear();
    this.expires.clear();
    this.redis.disconnect();
  }
}
