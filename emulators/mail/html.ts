/** HTML for the web inbox. Every value from a message is untrusted and goes through `escape`. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in a quoted attribute value (including `srcdoc`). */
export function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * Scripts are off in the pages and, since a srcdoc frame inherits the page's
 * policy, in the message HTML too; images and inline styles stay on so that
 * mail looks the way it would in a mail client.
 */
export const PAGE_POLICY =
  "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
  body { margin: 0 auto; max-width: 72rem; padding: 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #8884; vertical-align: top; }
  caption { text-align: left; font-weight: 600; padding: 0.4rem 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 32rem; border: 1px solid #8886; background: #fff; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #8886; padding: 0.6rem; }
  nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; }
  a:focus-visible, button:focus-visible { outline: 3px solid #4a90e2; outline-offset: 2px; }
  button { font: inherit; padding: 0.3rem 0.8rem; }
  .unread { font-weight: 600; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
