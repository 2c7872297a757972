/**
 * The web inbox: a server-rendered list at `/`, one message at `/view/{ID}`
 * (its HTML in a sandboxed frame), and Mailpit's plain views `/view/{ID}.txt`
 * and `/view/{ID}.html`.
 */
import type { IncomingMessage } from 'node:http';
import { findMessage } from './api';
import { escape, page, PAGE_POLICY } from './html';
import { notFound, redirect, send, sendText } from './http-util';
import type { RouteContext, Router } from './router';
import type { MailStore } from './store';
import type { MailAddress, StoredMessage } from './types';

function sendPage(context: RouteContext, status: number, title: string, body: string): void {
  send(context.response, status, 'text/html; charset=utf-8', page(title, body), {
    'content-security-policy': PAGE_POLICY,
  });
}

function people(list: readonly (MailAddress | null)[]): string {
  return list
    .filter((entry): entry is MailAddress => entry !== null)
    .map((entry) => (entry.name ? `${entry.name} <${entry.address}>` : entry.address))
    .join(', ');
}

function time(date: Date): string {
  const iso = date.toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')} UTC</time>`;
}

function viewPath(message: StoredMessage): string {
  return `/view/${encodeURIComponent(message.id)}`;
}

function inbox(store: MailStore): string {
  const messages = store.list();
  const rows = messages
    .map((m) => {
      const unread = store.isRead(m.id) ? '' : ' class="unread"';
      const subject = m.subject === '' ? '(no subject)' : m.subject;
      return `<tr${unread}>
  <td>${escape(people([m.from]))}</td>
  <td>${escape(people(m.to))}</td>
  <td><a href="${viewPath(m)}">${escape(subject)}</a>${store.isRead(m.id) ? '' : ' <span>(unread)</span>'}</td>
  <td>${time(m.created)}</td>
</tr>`;
    })
    .join('\n');
  const table =
    messages.length === 0
      ? '<p>No messages yet. Send mail to the SMTP port and reload this page.</p>'
      : `<table>
<caption>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return `<header><h1>Inbox</h1></header>
<main>
<nav aria-label="Inbox actions"><ul>
  <li><a href="/">Reload</a></li>
  <li><form method="post" action="/delete-all"><button type="submit"${messages.length === 0 ? ' disabled' : ''}>Delete all</button></form></li>
</ul></nav>
${table}
</main>`;
}

function view(message: StoredMessage): string {
  const subject = message.subject === '' ? '(no subject)' : message.subject;
  const fields: [string, string][] = [
    ['From', people([message.from])],
    ['To', people(message.to)],
    ['Cc', people(message.cc)],
    ['Bcc', people(message.bcc)],
    ['Reply-To', people(message.replyTo)],
    ['Date', message.date.toISOString()],
    ['Message-ID', message.messageId],
    ['Size', `${message.size} bytes`],
  ];
  const summary = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `<dt>${name}</dt><dd>${escape(value)}</dd>`)
    .join('\n');
  const headers = Object.entries(message.headers)
    .flatMap(([name, values]) =>
      values.map(
        (value) => `<tr><th scope="row">${escape(name)}</th><td>${escape(value)}</td></tr>`,
      ),
    )
    .join('\n');
  const base = viewPath(message);
  const html = message.html
    ? `<section aria-labelledby="html-heading">
<h2 id="html-heading">HTML</h2>
<iframe sandbox="" title="HTML body of the message" srcdoc="${escape(message.html)}"></iframe>
</section>`
    : '';
  const attachments = message.attachments.length
    ? `<section aria-labelledby="attachments-heading">
<h2 id="attachments-heading">Attachments</h2>
<ul>${message.attachments
        .map(
          (a) =>
            `<li>${escape(a.fileName || '(unnamed)')} (${escape(a.contentType)}, ${a.size} bytes${a.inline ? ', inline' : ''})</li>`,
        )
        .join('')}</ul>
</section>`
    : '';
  return `<header><h1>${escape(subject)}</h1></header>
<main>
<nav aria-label="Message"><ul>
  <li><a href="/">Back to the inbox</a></li>
  <li><a href="#text-heading">Text version</a> (<a href="${base}.txt">plain file</a>)</li>
  ${message.html ? `<li><a href="${base}.html">HTML version on its own</a></li>` : ''}
  <li><a href="/api/v1/message/${encodeURIComponent(message.id)}/raw">Raw source</a></li>
</ul></nav>
<dl>
${summary}
</dl>
${html}
<section aria-labelledby="text-heading">
<h2 id="text-heading">Text</h2>
${message.text ? `<pre>${escape(message.text)}</pre>` : '<p>This message has no text part.</p>'}
</section>
${attachments}
<details>
<summary>All headers</summary>
<table>
<thead><tr><th scope="col">Header</th><th scope="col">Value</th></tr></thead>
<tbody>
${headers}
</tbody>
</table>
</details>
</main>`;
}

/**
 * A form on some other site could post here. Browsers say where a request came
 * from (Sec-Fetch-Site, Origin), so only the inbox's own pages, or clients that
 * are not browsers and send neither, may delete.
 */
function fromThisSite(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function addWebRoutes(router: Router, store: MailStore): void {
  router
    .on('GET', '/', (context) => sendPage(context, 200, 'Inbox', inbox(store)))
    .on('POST', '/delete-all', (context) => {
      if (!fromThisSite(context.request)) {
        return sendText(context.response, 403, 'Deleting is allowed from the inbox page only');
      }
      store.clear();
      redirect(context.response, '/');
    })
    .on('GET', '/view/{id}', (context) => {
      const requested = context.params.id!;
      const suffix = /\.(txt|html)$/.exec(requested)?.[1];
      const id = suffix ? requested.slice(0, -suffix.length - 1) : requested;
      const message = findMessage(store, id, context.url);
      if (!suffix && id === 'latest') {
        // Mailpit's shortcut to the newest message, or to the inbox when there is none.
        return redirect(context.response, message ? viewPath(message) : '/', 302);
      }
      if (!message) {
        if (suffix) return sendText(context.response, 404, 'Message not found');
        return notFound(context.response);
      }
      store.markRead(message.id);
      if (suffix === 'txt') return sendText(context.response, 200, message.text);
      if (suffix === 'html') {
        if (!message.html)
          return sendText(context.response, 404, 'This message does not contain a HTML part');
        // The message's own HTML at the inbox's origin: CSP sandbox gives it an
        // opaque origin and no scripts, like the frame on the view page.
        return send(context.response, 200, 'text/html; charset=utf-8', message.html, {
          'content-security-policy': `sandbox; ${PAGE_POLICY}`,
        });
      }
      const subject = message.subject === '' ? '(no subject)' : message.subject;
      sendPage(context, 200, `${subject} – Inbox`, view(message));
    });
}
