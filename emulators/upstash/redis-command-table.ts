/**
 * Redis's own command table (names, arity, flags, key positions) as
 * @ioredis/commands ships it, for the checks Redis makes before running a
 * command: unknown names and wrong argument counts.
 */
import { getKeyIndexes } from '@ioredis/commands';
import table from '@ioredis/commands/built/commands.json';
import { ReplyError } from './reply';

type Entry = { arity: number; flags: string[] };
const COMMANDS: Record<string, Entry | undefined> = table;

export function isRedisCommand(name: string): boolean {
  return Object.hasOwn(COMMANDS, name);
}

export function isWrite(name: string): boolean {
  return COMMANDS[name]?.flags.includes('write') ?? false;
}

/** Positions of the keys among `args` (the arguments after the command name). */
export function keyPositions(name: string, args: string[]): number[] {
  if (!isRedisCommand(name)) return [];
  try {
    return getKeyIndexes(name, args);
  } catch {
    return [];
  }
}

export function unknownCommand(name: string, args: string[]): ReplyError {
  const shown = args.map((arg) => `'${arg}' `).join('');
  return new ReplyError(`ERR unknown command '${name}', with args beginning with: ${shown}`);
}

export function wrongArity(name: string): ReplyError {
  return new ReplyError(`ERR wrong number of arguments for '${name}' command`);
}

/** Redis's own refusal for an unknown name or a wrong argument count; null if it would run. */
export function checkArity(name: string, args: string[]): ReplyError | null {
  const entry = COMMANDS[name];
  if (!entry) return unknownCommand(name, args);
  const total = args.length + 1;
  const { arity } = entry;
  if ((arity > 0 && total !== arity) || (arity < 0 && total < -arity)) return wrongArity(name);
  return null;
}
