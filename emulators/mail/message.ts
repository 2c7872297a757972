/**
 * Turns a received source into a StoredMessage: first the headers Mailpit adds
 * on receipt (Return-Path, a missing Message-ID, envelope-only recipients as
 * Bcc), then one parse with mailparser for the bodies, addresses and attachments.
 */
import { createHash } from 'node:crypto';
import {
  parseAddressHeader,
  simpleParser,
  type AddressObject,
  type Attachment,
  type EmailAddress,
} from 'mailparser';
import { firstHeader, headerMap, readHeaderFields, setHeader, type HeaderField } from './headers';
import { newMessageId } from './ids';
import { snippet } from './text';
import type { MailAddress, StoredAttachment, StoredMessage } from './types';

export type Arrival = {
  id: string;
  received: Date;
  username: string;
  envelope: { from: string; to: readonly string[] };
};

function flatten(entries: readonly EmailAddress[]): MailAddress[] {
  return entries.flatMap((entry) =>
    entry.group ? flatten(entry.group) : [{ name: entry.name, address: entry.address ?? '' }],
  );
}

function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!header) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((object) => flatten(object.value));
}

function headerAddresses(fields: readonly HeaderField[], names: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const { name, value } of fields) {
    if (!names.includes(name.toLowerCase())) continue;
    for (const { address } of flatten(parseAddressHeader(value, { flatten: true }).value)) {
      if (address) found.add(address.toLowerCase());
    }
  }
  return found;
}

/** The source with the headers Mailpit adds on receipt, so both catchers store the same thing. */
function withReceiptHeaders(raw: Buffer, arrival: Arrival): Buffer {
  let source = raw;
  const fields = readHeaderFields(source);

  // Recipients given only in the envelope (RCPT TO) would otherwise be invisible.
  const named = headerAddresses(fields, ['to', 'cc', 'bcc']);
  const missing = arrival.envelope.to.filter((address) => !named.has(address.toLowerCase()));
  if (missing.length > 0) {
    const existing = firstHeader(fields, 'bcc');
    source = setHeader(source, 'Bcc', [...missing, ...(existing ? [existing] : [])].join(', '));
  }

  if (!firstHeader(fields, 'message-id')?.replace(/[<>\s]/g, '')) {
    source = setHeader(source, 'Message-ID', `<${newMessageId()}@mail-emulator>`);
  }

  const returnPath = firstHeader(fields, 'return-path')?.replace(/[<>\s]/g, '') ?? '';
  if (arrival.envelope.from && returnPath !== arrival.envelope.from) {
    source = setHeader(source, 'Return-Path', `<${arrival.envelope.from}>`);
  }
  return source;
}

function summarize(attachment: Attachment): StoredAttachment {
  const hash = (algorithm: string) =>
    createHash(algorithm).update(attachment.content).digest('hex');
  const contentId = attachment.cid ?? '';
  return {
    partId: attachment.partId ?? '',
    fileName: attachment.filename ?? contentId,
    contentType: attachment.contentType,
    contentId,
    size: attachment.size,
    inline: attachment.related === true || attachment.contentDisposition === 'inline',
    checksums: { md5: hash('md5'), sha1: hash('sha1'), sha256: hash('sha256') },
  };
}

export async function toStoredMessage(raw: Buffer, arrival: Arrival): Promise<StoredMessage> {
  const source = withReceiptHeaders(raw, arrival);
  const fields = readHeaderFields(source);
  // cid: links stay as they are (Mailpit's HTML field keeps them too), and
  // textAsHtml is not needed.
  const parsed = await simpleParser(source, {
    keepCidLinks: true,
    skipTextToHtml: true,
    checksumAlgo: false,
  });

  const fromHeader = firstHeader(fields, 'from');
  const from = addresses(parsed.from)[0] ?? (fromHeader ? { name: fromHeader, address: '' } : null);
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const text = parsed.text ?? '';
  return {
    id: arrival.id,
    messageId: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    replyTo: addresses(parsed.replyTo),
    returnPath: firstHeader(fields, 'return-path')?.replace(/[<>\s]/g, '') ?? from?.address ?? '',
    subject: parsed.subject ?? '',
    date: firstHeader(fields, 'date') && parsed.date ? parsed.date : arrival.received,
    created: arrival.received,
    html,
    text,
    headers: headerMap(fields),
    size: source.length,
    snippet: snippet(text, html),
    raw: source,
    username: arrival.username,
    attachments: parsed.attachments.map(summarize),
    envelopeFrom: arrival.envelope.from,
    envelopeTo: [...arrival.envelope.to],
  };
}
