/** HTML of the pages the Stripe.js stand-in opens in iframes: Elements and the 3D Secure challenge. */
const MARKER = 'Test mode — local Stripe emulator';

const STYLE = `
  :root { color-scheme: light; font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #30313d; }
  body { margin: 0; padding: 2px; background: transparent; }
  .marker { display: inline-block; margin: 0 0 8px; padding: 2px 8px; border-radius: 4px; background: #fff4d6; color: #6b4a00; font-size: 12px; font-weight: 600; }
  .amount { margin: 0 0 8px; font-size: 14px; }
  .field { margin-bottom: 10px; }
  label { display: block; margin-bottom: 4px; font-size: 14px; }
  input, select { box-sizing: border-box; width: 100%; padding: 9px 10px; border: 1px solid #aab0bb; border-radius: 6px; font: inherit; background: #fff; }
  input:focus, select:focus { outline: 3px solid #f1b84b; outline-offset: 1px; }
  input[aria-invalid='true'] { border-color: #c0392b; }
  .error { margin: 3px 0 0; min-height: 0; color: #b3261e; font-size: 13px; }
  .error:empty { display: none; }
  button { padding: 10px 16px; border-radius: 6px; border: 1px solid #30313d; font: inherit; font-weight: 600; cursor: pointer; }
  #complete { background: #1d5e3a; color: #fff; border-color: #1d5e3a; }
  #fail { background: #fff; color: #b3261e; border-color: #b3261e; }
`;

/** JSON inside a <script> element: `<` is escaped so no value can close the tag. */
function configScript(config: unknown): string {
  return `<script id="config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function elementPage(config: {
  type: string;
  id: string;
  origin: string;
  key: string;
  options: unknown;
}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(config.type)} element</title><style>${STYLE}</style></head>
<body><p class="marker">${MARKER}</p><form id="fields" novalidate onsubmit="return false"></form>
${configScript(config)}<script src="/elements/frame.js"></script></body></html>`;
}

export function threeDsPage(config: {
  intentId: string;
  clientSecret: string;
  key: string;
  origin: string;
  returnUrl: string | null;
  amount: string;
}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3D Secure authentication</title><style>${STYLE} body { padding: 20px; } h1 { font-size: 18px; margin: 4px 0 8px; } .actions { display: flex; gap: 12px; margin-top: 16px; }</style></head>
<body><main><p class="marker">${MARKER}</p><h1>3D Secure authentication</h1>
<p>Your bank asks you to confirm this payment of <strong>${escapeHtml(config.amount)}</strong>. This is a test: choose what the bank should answer.</p>
<div class="actions"><button id="complete" type="button" disabled>Complete</button><button id="fail" type="button" disabled>Fail</button></div>
<p id="status" role="status" aria-live="polite"></p></main>
${configScript(config)}<script src="/3ds/challenge.js"></script></body></html>`;
}
