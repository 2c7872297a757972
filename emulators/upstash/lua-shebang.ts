/**
 * Upstash accepts `#!lua flags=allow-key-locking` (the first line of every
 * @upstash/ratelimit script); Redis 7.0 refuses the flag. Scripts are run
 * with such flags dropped, and callers keep using the SHA1 of the text they
 * sent, so each backend maps that SHA1 to the one of the script it runs.
 */
import { createHash } from 'node:crypto';

/** Shebang flags Upstash takes that Redis 7.0 does not know. */
const UPSTASH_ONLY_FLAGS = new Set(['allow-key-locking']);

export function sha1(script: string | Buffer): string {
  return createHash('sha1').update(script).digest('hex');
}

/** The shebang line of a script, or null if it has none. */
function shebangLine(script: string): string | null {
  if (!script.startsWith('#!')) return null;
  const end = script.indexOf('\n');
  return end === -1 ? script : script.slice(0, end);
}

/**
 * The script as Redis 7.0 runs it: Upstash-only flags removed from the
 * shebang. Only the first line changes, so line numbers in errors still match.
 */
export function withoutUpstashFlags(script: string): string {
  const line = shebangLine(script);
  if (line === null) return script;
  const words = line.split(' ').map((word) => {
    if (!word.startsWith('flags=')) return word;
    const kept = word
      .slice('flags='.length)
      .split(',')
      .filter((flag) => !UPSTASH_ONLY_FLAGS.has(flag));
    return kept.length ? `flags=${kept.join(',')}` : '';
  });
  return words.filter(Boolean).join(' ') + script.slice(line.length);
}

/**
 * The script as plain Lua, for an interpreter that does not read shebangs:
 * the line becomes a comment, so line numbers stay the same.
 */
export function withShebangAsComment(script: string): string {
  return shebangLine(script) === null ? script : `--${script}`;
}
