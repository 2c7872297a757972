/** A mailbox as it appeared in a header: the display name (decoded) and the address. */
export type MailAddress = {
  readonly name: string;
  readonly address: string;
};

export type StoredAttachment = {
  /** The MIME part number, as the parser numbers parts (`1.2`). */
  readonly partId: string;
  /** The file name, or the Content-ID when the part has no file name. */
  readonly fileName: string;
  readonly contentType: string;
  /** The Content-ID without angle brackets, or empty. */
  readonly contentId: string;
  readonly size: number;
  /** Shown inside the message (an embedded image) rather than attached to it. */
  readonly inline: boolean;
  readonly checksums: { readonly md5: string; readonly sha1: string; readonly sha256: string };
};

export type StoredMessage = {
  /** The catcher's own ID, in Mailpit's format; the key of every API route. */
  readonly id: string;
  /** The Message-ID header without angle brackets (generated when the sender set none). */
  readonly messageId: string;
  readonly from: MailAddress | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** Bcc header recipients plus envelope recipients named in no header, as Mailpit lists them. */
  readonly bcc: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  /** The Return-Path (the SMTP envelope sender), without angle brackets. */
  readonly returnPath: string;
  readonly subject: string;
  /** The Date header, or when the message arrived if it has none. */
  readonly date: Date;
  /** When the message arrived. */
  readonly created: Date;
  readonly html: string;
  readonly text: string;
  /** Every header as sent (unfolded, not decoded), keys in Go's canonical form (`Message-Id`). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Size of the raw source in bytes. */
  readonly size: number;
  /** Up to 200 characters of the body as plain text. */
  readonly snippet: string;
  /** The message source as stored, with the headers the catcher added. */
  readonly raw: Buffer;
  /** The SMTP AUTH username, or empty when the client did not authenticate. */
  readonly username: string;
  readonly attachments: readonly StoredAttachment[];
  /** The SMTP envelope sender (MAIL FROM), empty for a null sender. */
  readonly envelopeFrom: string;
  /** The SMTP envelope recipients (RCPT TO): who the message was delivered to. */
  readonly envelopeTo: readonly string[];
};
