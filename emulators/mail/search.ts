/**
 * A subset of Mailpit's search syntax (https://mailpit.axllent.org/docs/usage/search-filters/):
 * `to:`, `from:`, `cc:`, `bcc:`, `reply-to:`, `addressed:`, `subject:`,
 * `message-id:`, `is:read`, `is:unread`, `has:attachment`, `has:inline` and plain
 * words, each a case-insensitive substring match, all of them required;
 * `"quoted phrases"` stay one term and a leading `-` or `!` negates a term.
 */
import { htmlToText } from './text';
import type { MailAddress, StoredMessage } from './types';

type Matcher = (message: StoredMessage, read: boolean) => boolean;

/** Mailpit's cleanString: lowercase, no quotes, brackets or separators, single spaces. */
function clean(value: string): string {
  return value
    .replaceAll('\uFEFF', ' ')
    .replace(/(\r?\n|\t|>|<|"|,|;|\(|\))/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** Splits on spaces, keeping quoted phrases together and dropping the quotes. */
function terms(query: string): string[] {
  return (query.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).map((term) => term.replaceAll('"', ''));
}

function listText(list: readonly (MailAddress | null)[]): string {
  return list
    .filter((entry): entry is MailAddress => entry !== null)
    .map((entry) => `${entry.name} ${entry.address}`)
    .join(' ')
    .toLowerCase();
}

/** What plain words are looked for in: the address headers, the subject and the body. */
function searchText(message: StoredMessage): string {
  const header = (name: string) => (message.headers[name] ?? []).join(' ');
  const body = message.html ? htmlToText(message.html) : message.text;
  return clean(
    [
      header('From'),
      message.subject,
      header('To'),
      header('Cc'),
      header('Bcc'),
      header('Reply-To'),
      header('Return-Path'),
      body,
    ].join(' '),
  );
}

const ADDRESS_FIELDS: Record<string, (message: StoredMessage) => readonly (MailAddress | null)[]> =
  {
    'to:': (m) => m.to,
    'from:': (m) => [m.from],
    'cc:': (m) => m.cc,
    'bcc:': (m) => m.bcc,
    'reply-to:': (m) => m.replyTo,
    'addressed:': (m) => [m.from, ...m.to, ...m.cc, ...m.bcc, ...m.replyTo],
  };

function matcherFor(term: string): Matcher | null {
  const lower = term.toLowerCase();
  for (const [prefix, field] of Object.entries(ADDRESS_FIELDS)) {
    if (!lower.startsWith(prefix)) continue;
    const wanted = clean(term.slice(prefix.length));
    return wanted ? (m) => listText(field(m)).includes(wanted) : null;
  }
  if (lower.startsWith('subject:')) {
    const wanted = lower.slice('subject:'.length);
    return wanted ? (m) => m.subject.toLowerCase().includes(wanted) : null;
  }
  if (lower.startsWith('message-id:')) {
    const wanted = clean(term.slice('message-id:'.length));
    return wanted ? (m) => m.messageId.toLowerCase().includes(wanted) : null;
  }
  if (lower === 'is:read') return (_m, read) => read;
  if (lower === 'is:unread') return (_m, read) => !read;
  if (lower === 'has:attachment' || lower === 'has:attachments')
    return (m) => m.attachments.some((a) => !a.inline);
  if (lower === 'has:inline' || lower === 'has:inlines')
    return (m) => m.attachments.some((a) => a.inline);
  const wanted = clean(lower);
  return wanted ? (m) => searchText(m).includes(wanted) : null;
}

export function compileSearch(query: string): Matcher {
  const matchers: Matcher[] = [];
  for (const raw of terms(query)) {
    if (clean(raw) === '') continue;
    const negated = raw.length > 1 && (raw.startsWith('-') || raw.startsWith('!'));
    const matcher = matcherFor(negated ? raw.slice(1) : raw);
    if (!matcher) continue;
    matchers.push(negated ? (m, read) => !matcher(m, read) : matcher);
  }
  return (message, read) => matchers.every((matcher) => matcher(message, read));
}
