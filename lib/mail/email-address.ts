import { z } from 'zod';

const address = z.email();

/**
 * Whether a value is one plain email address we will send to: no display
 * name, no list, no line break (which could add a header of its own).
 */
export function isSendableAddress(value: unknown): value is string {
  return typeof value === 'string' && !/[\r\n,;<>]/.test(value) && address.safeParse(value).success;
}
