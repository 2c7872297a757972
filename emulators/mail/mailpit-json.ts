/**
 * Mailpit's v1 JSON shapes (internal/storage/structs.go and server/apiv1 in
 * axllent/mailpit): PascalCase fields, addresses as {Name, Address}, empty
 * lists as [] rather than null, times in RFC 3339.
 */
import type { MailStore } from './store';
import type { MailAddress, StoredAttachment, StoredMessage } from './types';

export type AddressJson = { Name: string; Address: string };

export type MessageSummaryJson = {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: AddressJson;
  To: AddressJson[];
  Cc: AddressJson[];
  Bcc: AddressJson[];
  ReplyTo: AddressJson[];
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  Attachments: number;
  Snippet: string;
};

export type MessagesSummaryJson = {
  total: number;
  unread: number;
  /** Undocumented by Mailpit but still sent: how many messages this page holds. */
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MessageSummaryJson[];
};

export type AttachmentJson = {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
};

export type MessageJson = {
  ID: string;
  MessageID: string;
  From: AddressJson | null;
  To: AddressJson[];
  Cc: AddressJson[];
  Bcc: AddressJson[];
  ReplyTo: AddressJson[];
  ReturnPath: string;
  Subject: string;
  ListUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: AttachmentJson[];
  Attachments: AttachmentJson[];
};

const address = (entry: MailAddress): AddressJson => ({ Name: entry.name, Address: entry.address });

export function summaryJson(message: StoredMessage, read: boolean): MessageSummaryJson {
  return {
    ID: message.id,
    MessageID: message.messageId,
    Read: read,
    From: message.from ? address(message.from) : { Name: '', Address: '' },
    To: message.to.map(address),
    Cc: message.cc.map(address),
    Bcc: message.bcc.map(address),
    ReplyTo: message.replyTo.map(address),
    Subject: message.subject,
    Created: message.created.toISOString(),
    Username: message.username,
    Tags: [],
    Size: message.size,
    Attachments: message.attachments.filter((a) => !a.inline).length,
    Snippet: message.snippet,
  };
}

/**
 * A page of messages (newest first) the way GET /api/v1/messages and
 * /api/v1/search answer: `total`/`unread` count the whole mailbox,
 * `messages_count`/`messages_unread` the messages matched.
 */
export function messagesJson(
  store: MailStore,
  matched: readonly StoredMessage[],
  page: { start: number; limit: number },
): MessagesSummaryJson {
  const shown = page.limit > 0 ? matched.slice(page.start, page.start + page.limit) : matched;
  return {
    total: store.total,
    unread: store.unread,
    count: shown.length,
    messages_count: matched.length,
    messages_unread: matched.filter((m) => !store.isRead(m.id)).length,
    start: page.start,
    tags: [],
    messages: shown.map((m) => summaryJson(m, store.isRead(m.id))),
  };
}

function attachmentJson(attachment: StoredAttachment): AttachmentJson {
  return {
    PartID: attachment.partId,
    FileName: attachment.fileName,
    ContentType: attachment.contentType,
    ContentID: attachment.contentId,
    Size: attachment.size,
    Checksums: {
      MD5: attachment.checksums.md5,
      SHA1: attachment.checksums.sha1,
      SHA256: attachment.checksums.sha256,
    },
  };
}

export function messageJson(message: StoredMessage): MessageJson {
  const unsubscribe = message.headers['List-Unsubscribe']?.[0] ?? '';
  return {
    ID: message.id,
    MessageID: message.messageId,
    From: message.from ? address(message.from) : null,
    To: message.to.map(address),
    Cc: message.cc.map(address),
    Bcc: message.bcc.map(address),
    ReplyTo: message.replyTo.map(address),
    ReturnPath: message.returnPath,
    Subject: message.subject,
    ListUnsubscribe: {
      Header: unsubscribe,
      Links: [...unsubscribe.matchAll(/<([^>]+)>/g)].map((match) => match[1]!.trim()),
      Errors: '',
      HeaderPost: message.headers['List-Unsubscribe-Post']?.[0] ?? '',
    },
    Date: message.date.toISOString(),
    Tags: [],
    Username: message.username,
    Text: message.text,
    HTML: message.html,
    Size: message.size,
    Inline: message.attachments.filter((a) => a.inline).map(attachmentJson),
    Attachments: message.attachments.filter((a) => !a.inline).map(attachmentJson),
  };
}
