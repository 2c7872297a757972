import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailServer, type RunningMailServer } from '@/emulators/mail/server';

type Address = { Name: string; Address: string };
type Summary = {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  Attachments: number;
  Snippet: string;
};
type Page = {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: Summary[];
};
type Message = Omit<Summary, 'Read' | 'Created' | 'Snippet' | 'Attachments'> & {
  ReturnPath: string;
  Date: string;
  Text: string;
  HTML: string;
  ListUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  Inline: unknown[];
  Attachments: { FileName: string; ContentType: string; Size: number }[];
};

let mail: RunningMailServer;

type Mail = Parameters<ReturnType<typeof createTransport>['sendMail']>[0];

function transport(auth = '') {
  return createTransport(`smtp://${auth}127.0.0.1:${mail.smtpPort}`);
}

async function send(message: Partial<Mail> = {}, auth = ''): Promise<string> {
  const info = await transport(auth).sendMail({
    from: 'Folio <orders@folio.test>',
    to: 'Ada Lovelace <ada@example.test>',
    subject: 'Your Folio receipt',
    text: 'Thanks for your order.',
    ...message,
  });
  // The catcher answers "Ok: queued as <ID>", as Mailpit does.
  const id = /queued as (\S+)/.exec(info.response)?.[1];
  expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  return id!;
}

async function api(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${mail.url}${path}`, init);
}

async function json<T>(path: string): Promise<T> {
  const response = await api(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as T;
}

beforeAll(async () => {
  mail = await startMailServer({ smtpPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await mail.close();
});
beforeEach(async () => {
  expect((await api('/api/v1/messages', { method: 'DELETE' })).status).toBe(200);
});

describe('receiving mail over SMTP', () => {
  it('stores a message with HTML and text, readable through the Mailpit API', async () => {
    const id = await send({
      to: ['Ada Lovelace <ada@example.test>', 'grace@example.test'],
      cc: 'Books <books@folio.test>',
      replyTo: 'help@folio.test',
      messageId: '<order-42.attempt-1@folio.test>',
      subject: 'Receipt for order 42',
      text: 'Order 42: 2 books, $25.99.',
      html: '<p>Order <strong>42</strong>: 2 books, <em>$25.99</em>.</p>',
      headers: { 'List-Unsubscribe': '<https://folio.test/unsubscribe>' },
    });

    const page = await json<Page>('/api/v1/messages');
    expect(page).toMatchObject({
      total: 1,
      unread: 1,
      count: 1,
      messages_count: 1,
      messages_unread: 1,
      start: 0,
      tags: [],
    });
    const summary = page.messages[0]!;
    expect(summary).toEqual({
      ID: id,
      MessageID: 'order-42.attempt-1@folio.test',
      Read: false,
      From: { Name: 'Folio', Address: 'orders@folio.test' },
      To: [
        { Name: 'Ada Lovelace', Address: 'ada@example.test' },
        { Name: '', Address: 'grace@example.test' },
      ],
      Cc: [{ Name: 'Books', Address: 'books@folio.test' }],
      Bcc: [],
      ReplyTo: [{ Name: '', Address: 'help@folio.test' }],
      Subject: 'Receipt for order 42',
      Created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
      Username: '',
      Tags: [],
      Size: expect.any(Number) as number,
      Attachments: 0,
      Snippet: 'Order 42: 2 books, $25.99.',
    });

    const message = await json<Message>(`/api/v1/message/${id}`);
    expect(message).toMatchObject({
      ID: id,
      MessageID: 'order-42.attempt-1@folio.test',
      From: { Name: 'Folio', Address: 'orders@folio.test' },
      Subject: 'Receipt for order 42',
      ReturnPath: 'orders@folio.test',
      Text: 'Order 42: 2 books, $25.99.',
      HTML: '<p>Order <strong>42</strong>: 2 books, <em>$25.99</em>.</p>',
      Size: summary.Size,
      Tags: [],
      Inline: [],
      Attachments: [],
      ListUnsubscribe: {
        Header: '<https://folio.test/unsubscribe>',
        Links: ['https://folio.test/unsubscribe'],
        Errors: '',
        HeaderPost: '',
      },
    });
    expect(Date.parse(message.Date)).not.toBeNaN();
    // Reading a message marks it read.
    expect(await json<Page>('/api/v1/messages')).toMatchObject({ unread: 0 });
    expect((await json<Page>('/api/v1/messages')).messages[0]!.Read).toBe(true);

    const headers = await json<Record<string, string[]>>(`/api/v1/message/${id}/headers`);
    expect(headers['Message-Id']).toEqual(['<order-42.attempt-1@folio.test>']);
    expect(headers.Subject).toEqual(['Receipt for order 42']);
    expect(headers['Return-Path']).toEqual(['<orders@folio.test>']);
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());

    const raw = await api(`/api/v1/message/${id}/raw`);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const source = await raw.text();
    expect(source).toMatch(/^Return-Path: <orders@folio\.test>\r\n/);
    expect(source).toContain('Message-ID: <order-42.attempt-1@folio.test>');
    expect(Buffer.byteLength(source)).toBe(summary.Size);

    const [stored] = mail.messages();
    expect(stored).toMatchObject({
      id,
      messageId: 'order-42.attempt-1@folio.test',
      subject: 'Receipt for order 42',
      envelopeFrom: 'orders@folio.test',
      envelopeTo: ['ada@example.test', 'grace@example.test', 'books@folio.test'],
    });
  });

  it('lists newest first, with Mailpit start and limit', async () => {
    for (const n of [1, 2, 3]) await send({ subject: `Message ${n}` });

    const all = await json<Page>('/api/v1/messages');
    expect(all.messages.map((m) => m.Subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
    expect(mail.messages().map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);

    const second = await json<Page>('/api/v1/messages?start=1&limit=1');
    expect(second).toMatchObject({ total: 3, count: 1, messages_count: 3, start: 1 });
    expect(second.messages.map((m) => m.Subject)).toEqual(['Message 2']);
    // limit=0 means no limit, as in Mailpit.
    expect((await json<Page>('/api/v1/messages?limit=0')).count).toBe(3);

    const latest = await json<Message>('/api/v1/message/latest');
    expect(latest.Subject).toBe('Message 3');
  });

  it('accepts AUTH PLAIN and LOGIN with any credentials and records the username', async () => {
    await send({ subject: 'Authenticated' }, 'folio:any-password@');
    const login = createTransport({
      host: '127.0.0.1',
      port: mail.smtpPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'other', pass: 'x', method: 'LOGIN' },
    });
    await login.sendMail({
      from: 'a@folio.test',
      to: 'b@example.test',
      subject: 'Login',
      text: 'x',
    });

    const { messages } = await json<Page>('/api/v1/messages');
    expect(messages.map((m) => [m.Subject, m.Username])).toEqual([
      ['Login', 'other'],
      ['Authenticated', 'folio'],
    ]);
  });

  it('adds a Message-ID when there is none and lists envelope-only recipients as Bcc', async () => {
    const raw = [
      'From: orders@folio.test',
      'To: ada@example.test',
      'Subject: Hand-written',
      '',
      'Hello.',
      '',
    ].join('\r\n');
    await transport().sendMail({
      envelope: { from: 'bounces@folio.test', to: ['ada@example.test', 'audit@folio.test'] },
      raw,
    });

    const message = await json<Message>('/api/v1/message/latest');
    expect(message.MessageID).toMatch(/^[0-9A-Za-z]{22}@mail-emulator$/);
    expect(message.Bcc).toEqual([{ Name: '', Address: 'audit@folio.test' }]);
    expect(message.ReturnPath).toBe('bounces@folio.test');
    expect(message.Date).toBe(mail.messages()[0]!.created.toISOString());
    expect(message.Text.trim()).toBe('Hello.');
    expect(message.HTML).toBe('');
  });

  it('reports attachments', async () => {
    await send({
      attachments: [{ filename: 'receipt.txt', content: 'Order 42', contentType: 'text/plain' }],
    });
    const [summary] = (await json<Page>('/api/v1/messages')).messages;
    expect(summary!.Attachments).toBe(1);
    const message = await json<Message>(`/api/v1/message/${summary!.ID}`);
    expect(message.Attachments).toMatchObject([
      { FileName: 'receipt.txt', ContentType: 'text/plain', Size: 8 },
    ]);
  });

  it('refuses a message over the size limit with SMTP 552 and keeps nothing', async () => {
    const tooBig = 'x'.repeat(10 * 1024 * 1024 + 1);
    await expect(send({ text: tooBig })).rejects.toMatchObject({ responseCode: 552 });
    expect(await json<Page>('/api/v1/messages')).toMatchObject({ total: 0, messages: [] });

    // The server is still fine afterwards.
    await send({ subject: 'After the big one' });
    expect((await json<Page>('/api/v1/messages')).total).toBe(1);
  });

  it('stores two messages sent at the same time', async () => {
    const ids = await Promise.all([send({ subject: 'First' }), send({ subject: 'Second' })]);
    const { messages } = await json<Page>('/api/v1/messages');
    expect(messages.map((m) => m.ID).sort()).toEqual([...ids].sort());
    expect(messages.map((m) => m.Subject).sort()).toEqual(['First', 'Second']);
  });
});

describe('deleting', () => {
  it('deletes every message with DELETE /api/v1/messages', async () => {
    await send();
    await send();
    const response = await api('/api/v1/messages', { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(await json<Page>('/api/v1/messages')).toMatchObject({ total: 0, messages: [] });
    expect(mail.messages()).toEqual([]);
  });

  it('deletes only the messages named in {"IDs": [...]}', async () => {
    const keep = await send({ subject: 'Keep' });
    const drop1 = await send({ subject: 'Drop 1' });
    const drop2 = await send({ subject: 'Drop 2' });
    const response = await api('/api/v1/messages', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ IDs: [drop1, drop2, 'no-such-id'] }),
    });
    expect(response.status).toBe(200);
    const { messages } = await json<Page>('/api/v1/messages');
    expect(messages.map((m) => m.ID)).toEqual([keep]);
  });

  it('deletes the messages matching a search', async () => {
    await send({ subject: 'Receipt 1' });
    await send({ subject: 'Newsletter' });
    expect((await api('/api/v1/search?query=subject:receipt', { method: 'DELETE' })).status).toBe(
      200,
    );
    const { messages } = await json<Page>('/api/v1/messages');
    expect(messages.map((m) => m.Subject)).toEqual(['Newsletter']);
  });
});

describe('errors', () => {
  it('answers 404 for an unknown message, as Mailpit does', async () => {
    for (const path of [
      '/api/v1/message/NoSuchMessage0000000000',
      '/api/v1/message/NoSuchMessage0000000000/raw',
      '/api/v1/message/NoSuchMessage0000000000/headers',
      '/api/v1/nothing-here',
    ]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('404 page not found\n');
    }
    const latest = await api('/api/v1/message/latest');
    expect(latest.status).toBe(404);
    expect(await latest.text()).toBe('Message not found');
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const response = await api('/api/v1/messages', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect((await api('/api/v1/message/latest', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('search', () => {
  it('matches to:, from:, subject:, plain words and negations', async () => {
    await send({ to: 'ada@example.test', subject: 'Receipt for order 1', text: 'Dune' });
    await send({ to: 'grace@example.test', subject: 'Receipt for order 2', text: 'Emma' });
    await send({ to: 'grace@example.test', subject: 'Welcome', text: 'Hello' });

    const subjects = async (query: string) =>
      (await json<Page>(`/api/v1/search?query=${encodeURIComponent(query)}`)).messages.map(
        (m) => m.Subject,
      );
    expect(await subjects('to:grace@example.test')).toEqual(['Welcome', 'Receipt for order 2']);
    expect(await subjects('subject:receipt')).toEqual([
      'Receipt for order 2',
      'Receipt for order 1',
    ]);
    expect(await subjects('to:grace subject:receipt')).toEqual(['Receipt for order 2']);
    expect(await subjects('"order 1"')).toEqual(['Receipt for order 1']);
    expect(await subjects('emma')).toEqual(['Receipt for order 2']);
    expect(await subjects('from:orders@folio.test -subject:receipt')).toEqual(['Welcome']);

    const page = await json<Page>('/api/v1/search?query=grace');
    expect(page).toMatchObject({ total: 3, messages_count: 2, count: 2 });
    expect((await json<Message>('/api/v1/message/latest?query=ada')).Subject).toBe(
      'Receipt for order 1',
    );

    const empty = await api('/api/v1/search?query=');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toBe('Error: no search query');
  });
});

describe('the web inbox', () => {
  it('lists messages and escapes what they contain', async () => {
    const id = await send({
      from: '"<b>Mallory</b>" <mallory@example.test>',
      subject: '<script>alert("subject")</script> & more',
      html: '<p onclick="x()">Hi "there"</p><script>alert(1)</script>',
      text: 'Plain <text> version',
    });

    const inbox = await api('/');
    expect(inbox.status).toBe(200);
    expect(inbox.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(inbox.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = await inbox.text();
    expect(html).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(html).toContain(`href="/view/${id}"`);
    expect(html).toContain('<th scope="col">Subject</th>');
    expect(html).toContain('<form method="post" action="/delete-all">');

    const view = await (await api(`/view/${id}`)).text();
    expect(view).not.toContain('<script');
    expect(view).not.toContain('<p onclick');
    expect(view).toContain(
      '<iframe sandbox="" title="HTML body of the message" srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi &quot;there&quot;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    );
    expect(view).toContain('<pre>Plain &lt;text&gt; version</pre>');
    expect(view).toContain(`href="/view/${id}.txt"`);

    const text = await api(`/view/${id}.txt`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('Plain <text> version');
    const own = await api(`/view/${id}.html`);
    expect(own.headers.get('content-security-policy')).toMatch(/^sandbox;/);

    const latest = await api('/view/latest', { redirect: 'manual' });
    expect(latest.status).toBe(302);
    expect(latest.headers.get('location')).toBe(`/view/${id}`);
    expect((await api('/view/NoSuchMessage0000000000')).status).toBe(404);
  });

  it('deletes everything from the "Delete all" button, and only from its own pages', async () => {
    await send();
    const foreign = await api('/delete-all', {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect((await json<Page>('/api/v1/messages')).total).toBe(1);

    const response = await api('/delete-all', {
      method: 'POST',
      headers: { origin: mail.url, 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect((await json<Page>('/api/v1/messages')).total).toBe(0);
    expect(await (await api('/')).text()).toContain('No messages yet.');
  });
});

describe('lifecycle', () => {
  it('keeps at most maxMessages, dropping the oldest', async () => {
    const small = await startMailServer({ maxMessages: 2 });
    try {
      const transport = createTransport(`smtp://127.0.0.1:${small.smtpPort}`);
      for (const n of [1, 2, 3]) {
        await transport.sendMail({ from: 'a@folio.test', to: 'b@example.test', subject: `${n}` });
      }
      expect(small.messages().map((m) => m.subject)).toEqual(['3', '2']);
      const page = (await (await fetch(`${small.url}/api/v1/messages`)).json()) as Page;
      expect(page.total).toBe(2);
    } finally {
      await small.close();
    }
  });

  it('frees both ports on close()', async () => {
    const other = await startMailServer();
    expect(other.smtpPort).toBeGreaterThan(0);
    expect(other.httpPort).toBeGreaterThan(0);
    expect(other.smtpPort).not.toBe(other.httpPort);
    expect(other.url).toBe(`http://127.0.0.1:${other.httpPort}`);
    await other.close();

    for (const port of [other.smtpPort, other.httpPort]) {
      const probe = createServer();
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
    await expect(fetch(`${other.url}/api/v1/messages`)).rejects.toThrow();
  });
});
