/** RESP2, the Redis wire protocol: encoding commands and parsing replies incrementally. */
import { ReplyError, type Command, type Reply } from './reply';

const CRLF = Buffer.from('\r\n');

export function encodeCommand(command: Command): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${command.length}\r\n`)];
  for (const arg of command) parts.push(Buffer.from(`$${arg.length}\r\n`), arg, CRLF);
  return Buffer.concat(parts);
}

/** Parses replies from a stream of chunks; `take()` returns every complete reply so far. */
export class ReplyParser {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
  }

  take(): Reply[] {
    const replies: Reply[] = [];
    for (;;) {
      const parsed = this.parse(0);
      if (!parsed) break;
      replies.push(parsed.reply);
      this.buffer = this.buffer.subarray(parsed.end);
    }
    return replies;
  }

  private parse(start: number): { reply: Reply; end: number } | null {
    const lineEnd = this.buffer.indexOf(CRLF, start);
    if (lineEnd === -1) return null;
    const type = String.fromCharCode(this.buffer[start] ?? 0);
    const line = this.buffer.toString('utf8', start + 1, lineEnd);
    const next = lineEnd + 2;
    switch (type) {
      case '+':
        return { reply: line, end: next };
      case '-':
        return { reply: new ReplyError(line), end: next };
      case ':':
        return { reply: Number(line), end: next };
      case '$': {
        const length = Number(line);
        if (length === -1) return { reply: null, end: next };
        if (this.buffer.length < next + length + 2) return null;
        return {
          reply: Buffer.from(this.buffer.subarray(next, next + length)),
          end: next + length + 2,
        };
      }
      case '*': {
        const count = Number(line);
        if (count === -1) return { reply: null, end: next };
        const items: Reply[] = [];
        let position = next;
        for (let i = 0; i < count; i++) {
          const item = this.parse(position);
          if (!item) return null;
          items.push(item.reply);
          position = item.end;
        }
        return { reply: items, end: position };
      }
      default:
        throw new Error(`Unexpected RESP reply type ${JSON.stringify(type)}`);
    }
  }
}
