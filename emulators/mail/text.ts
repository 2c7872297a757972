/** Plain-text views of a message body: Mailpit's snippet and the text searched. */

const SNIPPET_LIMIT = 200;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  pound: '£',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

const BLOCK_END =
  /<\/(div|p|td|th|h[1-6]|ul|ol|li|address|article|aside|blockquote|dl|dt|footer|header|hr|main|nav|pre|table|thead|tfoot|video)></gi;

/**
 * The visible words of an HTML body as Mailpit's html2text.Strip finds them:
 * inline tags vanish, block ends and line breaks become spaces, and the
 * contents of head, title, style, script and noscript are dropped.
 */
export function htmlToText(html: string): string {
  const visible = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|title|style|script|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(BLOCK_END, '</$1> <')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<img/gi, ' <img')
    .replace(/<[^>]*>/g, '');
  return collapse(decodeEntities(visible));
}

/** Non-printing characters to spaces, runs of whitespace to one space. */
function collapse(text: string): string {
  return text
    .replace(/[\uFEFF\p{C}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SNIPPET_LIMIT ? text : `${chars.slice(0, SNIPPET_LIMIT).join('')}...`;
}

/** Mailpit's snippet: the HTML body as text when there is one, else the text body; 200 characters. */
export function snippet(text: string, html: string): string {
  if (html.trim() !== '') return truncate(htmlToText(html));
  return truncate(collapse(text));
}
