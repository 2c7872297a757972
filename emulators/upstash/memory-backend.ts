/**
 * A Redis stand-in in this process's memory. Commands run one at a time on
 * the event loop, so a pipeline's commands are never interleaved with
 * another request's, and a transaction is atomic.
 *
 * With a `file`, data survives restarts: every write schedules a snapshot
 * (written to a temporary file, then renamed over the old one).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkCommand, COMMANDS, type Entry, type Keyspace } from './memory-commands';
import { commandName, ReplyError, type Backend, type Command, type Reply } from './reply';

type Snapshot = {
  version: 1;
  entries: Array<{ key: string; type: Entry['type']; value: unknown; expiresAt?: number }>;
};

const SNAPSHOT_DELAY_MS = 50;

function toSnapshot(db: Keyspace): Snapshot {
  const b64 = (b: Buffer) => b.toString('base64');
  const latin = (s: string) => Buffer.from(s, 'latin1').toString('base64');
  const entries: Snapshot['entries'] = [];
  for (const [name, entry] of db.entries) {
    const expiresAt = db.expiries.get(name);
    if (expiresAt !== undefined && expiresAt <= db.now()) continue;
    const value =
      entry.type === 'string'
        ? b64(entry.value)
        : entry.type === 'hash'
          ? [...entry.value].map(([f, v]) => [latin(f), b64(v)])
          : entry.type === 'list'
            ? entry.value.map(b64)
            : [...entry.value].map(latin);
    entries.push({ key: latin(name), type: entry.type, value, expiresAt });
  }
  return { version: 1, entries };
}

function fromSnapshot(snapshot: Snapshot, db: Keyspace): void {
  const buf = (s: unknown) => Buffer.from(String(s), 'base64');
  const latin = (s: unknown) => buf(s).toString('latin1');
  for (const item of snapshot.entries) {
    if (item.expiresAt !== undefined && item.expiresAt <= db.now()) continue;
    const name = latin(item.key);
    const value = item.value as never;
    const entry: Entry =
      item.type === 'string'
        ? { type: 'string', value: buf(value) }
        : item.type === 'hash'
          ? {
              type: 'hash',
              value: new Map((value as [string, string][]).map(([f, v]) => [latin(f), buf(v)])),
            }
          : item.type === 'list'
            ? { type: 'list', value: (value as string[]).map(buf) }
            : { type: 'set', value: new Set((value as string[]).map(latin)) };
    db.entries.set(name, entry);
    if (item.expiresAt !== undefined) db.expiries.set(name, item.expiresAt);
  }
}

export type MemoryBackendOptions = { file?: string; now?: () => number };

export class MemoryBackend implements Backend {
  readonly description: string;
  private readonly db: Keyspace;
  private readonly file: string | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;

  constructor(options: MemoryBackendOptions = {}) {
    this.db = { entries: new Map(), expiries: new Map(), now: options.now ?? Date.now };
    this.file = options.file;
    this.description = options.file ? `memory (saved to ${options.file})` : 'memory';
    if (this.file) this.load(this.file);
  }

  private load(file: string): void {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const snapshot = JSON.parse(raw) as Snapshot;
    if (snapshot.version !== 1)
      throw new Error(`${file}: unknown snapshot version ${snapshot.version}`);
    fromSnapshot(snapshot, this.db);
  }

  /** Writes the snapshot now (also called on close). */
  flush(): void {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(toSnapshot(this.db)));
    renameSync(temporary, this.file);
  }

  private scheduleSnapshot(): void {
    if (!this.file || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => this.flush(), SNAPSHOT_DELAY_MS);
  }

  private run(command: Command): Reply {
    const name = commandName(command);
    const args = command.slice(1);
    const invalid = checkCommand(name, args.length);
    if (invalid) return invalid;
    const spec = COMMANDS[name]!;
    const reply = spec.run(this.db, args);
    if (spec.write && !(reply instanceof ReplyError)) this.scheduleSnapshot();
    return reply;
  }

  async pipeline(commands: Command[]): Promise<Reply[]> {
    return commands.map((command) => this.run(command));
  }

  async transaction(commands: Command[]): Promise<Reply[] | ReplyError> {
    for (const command of commands) {
      const invalid = checkCommand(commandName(command), command.length - 1);
      if (invalid) return invalid;
    }
    return commands.map((command) => this.run(command));
  }

  async close(): Promise<void> {
    this.flush();
  }
}
