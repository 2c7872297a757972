/**
 * Reading and adding header fields on the raw source, before it is parsed.
 * Works on a latin1 view of the bytes so that 8-bit header values and the body
 * come back out byte for byte.
 */

export type HeaderField = { name: string; value: string };

function splitHead(raw: Buffer): { head: string; rest: string } {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) return { head: text, rest: '' };
  return { head: text.slice(0, end.index), rest: text.slice(end.index) };
}

/** Header fields in order, continuation lines joined with one space as Go's textproto does. */
export function readHeaderFields(raw: Buffer): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of splitHead(raw).head.split(/\r?\n/)) {
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  // Values were read as latin1 to find the lines; UTF-8 headers (SMTPUTF8) read back as UTF-8.
  return fields.map(({ name, value }) => ({
    name,
    value: Buffer.from(value, 'latin1').toString('utf8'),
  }));
}

/** `message-id` → `Message-Id`, the form Mailpit's headers endpoint returns (Go's canonical key). */
export function canonicalKey(name: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(name)) return name;
  return name
    .toLowerCase()
    .replace(
      /(^|-)([a-z])/g,
      (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
    );
}

export function headerMap(fields: readonly HeaderField[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { name, value } of fields) (map[canonicalKey(name)] ??= []).push(value);
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function firstHeader(fields: readonly HeaderField[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === wanted)?.value;
}

/**
 * Replaces every `name` field with one `name: value` line at the top of the
 * header, as Mailpit does when it sets Return-Path, Message-ID or Bcc.
 */
export function setHeader(raw: Buffer, name: string, value: string): Buffer {
  const { head, rest } = splitHead(raw);
  const wanted = name.toLowerCase();
  const kept: string[] = [];
  let dropping = false;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      // A continuation line goes with the field above it.
      if (!dropping) kept.push(line);
      continue;
    }
    const colon = line.indexOf(':');
    dropping = colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted;
    if (!dropping) kept.push(line);
  }
  const encoded = Buffer.from(`${name}: ${value}`, 'utf8').toString('latin1');
  const body = rest === '' ? '\r\n' : rest;
  return Buffer.from(
    [encoded, ...kept.filter((line) => line !== '')].join('\r\n') + body,
    'latin1',
  );
}
