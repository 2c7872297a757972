/**
 * Lets Redis 7.0 run scripts written for Upstash: EVAL and SCRIPT LOAD send
 * the script without Upstash-only shebang flags, and EVALSHA / SCRIPT EXISTS
 * translate the SHA1 of the caller's text into the SHA1 Redis knows it by.
 */
import { sha1, withoutUpstashFlags } from './lua-shebang';
import { commandName, ReplyError, type Command, type Reply } from './reply';

export type Rewritten = { command: Command; fixReply: (reply: Reply) => Reply };

const unchanged = (reply: Reply) => reply;

export class RedisScriptAliases {
  /** SHA1 of a caller's script text → SHA1 of the text Redis was given. */
  private readonly aliases = new Map<string, string>();

  private rewriteScript(script: Buffer): { script: Buffer; from: string; to: string } | null {
    const text = script.toString('utf8');
    const runnable = withoutUpstashFlags(text);
    if (runnable === text) return null;
    const from = sha1(script);
    const to = sha1(runnable);
    this.aliases.set(from, to);
    return { script: Buffer.from(runnable), from, to };
  }

  private alias(sha: Buffer): Buffer {
    const to = this.aliases.get(sha.toString('latin1').toLowerCase());
    return to ? Buffer.from(to) : sha;
  }

  /** Errors name the script by the SHA1 Redis knows; callers know the other one. */
  private renameInErrors(from: string, to: string): (reply: Reply) => Reply {
    return (reply) =>
      reply instanceof ReplyError && reply.message.includes(to)
        ? new ReplyError(reply.message.replaceAll(to, from))
        : reply;
  }

  rewrite(command: Command): Rewritten {
    const name = commandName(command);
    const [head, first, ...rest] = command;
    if (!head || !first) return { command, fixReply: unchanged };

    if (name === 'eval' || name === 'eval_ro') {
      const rewritten = this.rewriteScript(first);
      if (!rewritten) return { command, fixReply: unchanged };
      return {
        command: [head, rewritten.script, ...rest],
        fixReply: this.renameInErrors(rewritten.from, rewritten.to),
      };
    }
    if (name === 'evalsha' || name === 'evalsha_ro') {
      const to = this.alias(first);
      if (to === first) return { command, fixReply: unchanged };
      return {
        command: [head, to, ...rest],
        fixReply: this.renameInErrors(first.toString('latin1').toLowerCase(), to.toString()),
      };
    }
    if (name !== 'script') return { command, fixReply: unchanged };

    const subcommand = first.toString('utf8').toLowerCase();
    if (subcommand === 'load' && rest.length === 1) {
      const rewritten = this.rewriteScript(rest[0]!);
      if (!rewritten) return { command, fixReply: unchanged };
      return {
        command: [head, first, rewritten.script],
        fixReply: (reply) =>
          Buffer.isBuffer(reply) && reply.toString() === rewritten.to
            ? Buffer.from(rewritten.from)
            : reply,
      };
    }
    if (subcommand === 'exists') {
      return { command: [head, first, ...rest.map((sha) => this.alias(sha))], fixReply: unchanged };
    }
    return { command, fixReply: unchanged };
  }
}
