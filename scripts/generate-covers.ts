/**
 * Writes one SVG cover per catalog book into public/covers. Covers are
 * generated, not downloaded, so the store never loads a remote image.
 * Run with `npm run covers` after changing the catalog.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOKS } from '../lib/catalog/books-data';

const PALETTES: ReadonlyArray<readonly [string, string, string]> = [
  ['#1f3a5f', '#f4e9d8', '#d9a441'],
  ['#5b1e2d', '#f6efe4', '#c9a66b'],
  ['#23453a', '#eef2e6', '#b8c97a'],
  ['#3b2f5c', '#f1ecf8', '#e0b04f'],
  ['#6b3a1f', '#faf1e6', '#e3c18f'],
  ['#1d4f57', '#e9f4f2', '#f0b35a'],
  ['#40362b', '#f5f0e6', '#c96f4a'],
  ['#2b2d42', '#edf2f4', '#ef233c'],
];

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > maxChars && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function cover(index: number, title: string, author: string, year: number): string {
  const palette = PALETTES[index % PALETTES.length] ?? PALETTES[0]!;
  const [ink, paper, accent] = palette;
  const titleLines = wrap(title, 14);
  const fontSize = titleLines.length > 3 ? 24 : 28;
  const titleText = titleLines
    .map(
      (line, i) =>
        `<text x="150" y="${150 + i * (fontSize + 8)}" font-size="${fontSize}" font-weight="700">${escapeXml(line)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 450" width="300" height="450" role="img" aria-label="${escapeXml(title)} by ${escapeXml(author)}">
<rect width="300" height="450" fill="${ink}"/>
<rect x="18" y="18" width="264" height="414" fill="none" stroke="${accent}" stroke-width="3"/>
<rect x="28" y="28" width="244" height="394" fill="none" stroke="${accent}" stroke-width="1"/>
<g fill="${paper}" font-family="Georgia, 'Times New Roman', serif" text-anchor="middle">${titleText}
<line x1="110" x2="190" y1="${176 + titleLines.length * (fontSize + 8)}" y2="${176 + titleLines.length * (fontSize + 8)}" stroke="${accent}" stroke-width="2"/>
<text x="150" y="${222 + titleLines.length * (fontSize + 8)}" font-size="18" font-style="italic">${escapeXml(author)}</text>
<text x="150" y="400" font-size="16" fill="${accent}">${year}</text></g>
</svg>
`;
}

const outDir = join(process.cwd(), 'public', 'covers');
mkdirSync(outDir, { recursive: true });
BOOKS.forEach((book, index) => {
  writeFileSync(join(outDir, `${book.slug}.svg`), cover(index, book.title, book.author, book.year));
});
console.log(`Wrote ${BOOKS.length} covers to ${outDir}`);
