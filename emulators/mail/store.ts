import type { StoredMessage } from './types';

/**
 * The mailbox: in memory and bounded, the oldest message dropped once there
 * are more than `maxMessages` (Mailpit's --max, 500 by default). Messages are
 * ordered by arrival (when their DATA ended), not by when parsing finished, so
 * two messages sent at once still list in the order the server took them.
 */
export class MailStore {
  /** Oldest first. */
  private entries: { seq: number; message: StoredMessage }[] = [];
  private readonly read = new Set<string>();
  private nextSeq = 0;

  constructor(private readonly maxMessages: number) {}

  /** A place in the arrival order, taken when a message has been received. */
  reserve(): number {
    return this.nextSeq++;
  }

  add(seq: number, message: StoredMessage): void {
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1]!.seq > seq) at--;
    this.entries.splice(at, 0, { seq, message });
    while (this.entries.length > this.maxMessages) {
      const dropped = this.entries.shift();
      if (dropped) this.read.delete(dropped.message.id);
    }
  }

  /** Newest first. */
  list(): StoredMessage[] {
    return this.entries.map((entry) => entry.message).reverse();
  }

  get(id: string): StoredMessage | undefined {
    return this.entries.find((entry) => entry.message.id === id)?.message;
  }

  latest(): StoredMessage | undefined {
    return this.entries.at(-1)?.message;
  }

  isRead(id: string): boolean {
    return this.read.has(id);
  }

  markRead(id: string): void {
    if (this.get(id)) this.read.add(id);
  }

  get total(): number {
    return this.entries.length;
  }

  get unread(): number {
    return this.entries.length - this.read.size;
  }

  /** Deletes the given messages (unknown IDs are ignored); returns how many went. */
  delete(ids: Iterable<string>): number {
    const gone = new Set(ids);
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => !gone.has(entry.message.id));
    for (const id of gone) this.read.delete(id);
    return before - this.entries.length;
  }

  clear(): void {
    this.entries = [];
    this.read.clear();
  }
}
