/**
 * A Redis stand-in in this process's memory, on ioredis-mock. Commands run
 * one at a time and synchronously, so a pipeline's commands are never
 * interleaved with another request's, and a transaction is atomic.
 *
 * With a `file`, data survives restarts: every write schedules a snapshot
 * (written to a temporary file, then renamed over the old one).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MemoryDispatch } from './memory-dispatch';
import { restoreSnapshot, toSnapshot, type Snapshot } from './memory-snapshot';
import { MemoryStore } from './memory-store';
import type { Backend, Command, Reply, ReplyError } from './reply';
import { rejectUnsupported } from './rest-unsupported';

const SNAPSHOT_DELAY_MS = 50;

export type MemoryBackendOptions = { file?: string };

export class MemoryBackend implements Backend {
  readonly description: string;
  private readonly store = new MemoryStore();
  private readonly commands = new MemoryDispatch(this.store);
  private readonly file: string | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;

  constructor(options: MemoryBackendOptions = {}) {
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
    if (snapshot.version !== 1 && snapshot.version !== 2) {
      throw new Error(`${file}: unknown snapshot version ${String(snapshot.version)}`);
    }
    restoreSnapshot(snapshot, this.store);
  }

  /** Writes the snapshot now (also called on close). */
  flush(): void {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(toSnapshot(this.store)));
    renameSync(temporary, this.file);
  }

  private scheduleSnapshot(): void {
    if (!this.file || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => this.flush(), SNAPSHOT_DELAY_MS);
  }

  private run(command: Command): Reply {
    const reply = this.commands.run(command);
    // A failed script may have written before failing, so any write counts.
    if (this.commands.writes(command)) this.scheduleSnapshot();
    return reply;
  }

  async pipeline(commands: Command[]): Promise<Reply[]> {
    rejectUnsupported(commands);
    return commands.map((command) => this.run(command));
  }

  async transaction(commands: Command[]): Promise<Reply[] | ReplyError> {
    rejectUnsupported(commands);
    for (const command of commands) {
      const refused = this.commands.refusal(command);
      if (refused) return refused;
    }
    return commands.map((command) => this.run(command));
  }

  async close(): Promise<void> {
    this.flush();
    this.store.close();
  }
}
