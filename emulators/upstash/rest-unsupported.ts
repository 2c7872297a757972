/**
 * Commands the REST API does not run: they would block the shared
 * connection, change its state for every caller, or break the request's own
 * MULTI…EXEC framing.
 */
import { commandName, ReplyError, type Command } from './reply';

const UNSUPPORTED = new Set([
  'blpop',
  'brpop',
  'blmove',
  'blmpop',
  'brpoplpush',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'xread',
  'xreadgroup',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'monitor',
  'multi',
  'exec',
  'watch',
  'unwatch',
  'discard',
  'select',
  'hello',
  'reset',
  'quit',
]);

export function rejectUnsupported(commands: Command[]): void {
  const blocked = commands.find((command) => isUnsupported(commandName(command)));
  if (blocked) {
    throw new ReplyError(`ERR '${commandName(blocked)}' is not supported over the REST API`);
  }
}

export function isUnsupported(name: string): boolean {
  return UNSUPPORTED.has(name);
}
