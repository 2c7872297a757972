/**
 * For the stand-in's browser test: the Stripe emulator on one port, and the
 * harness page (bundled with esbuild) on another, so the Elements iframes are
 * cross-origin as with real Stripe. `tsx tests/stripe-js/serve-harness.ts <harness port> <emulator port>`.
 */
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { startStripeEmulator } from '../../emulators/stripe/server';

async function main() {
  const [harnessPort, emulatorPort] = process.argv.slice(2).map(Number);
  const emulator = await startStripeEmulator({ port: emulatorPort, webhook: { enabled: false } });
  const bundle = await build({
    entryPoints: [new URL('./harness.tsx', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
  });
  const script = bundle.outputFiles[0]!.text;
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe.js stand-in harness</title>
<script src="${emulator.url}/endive/stripe.js"></script></head>
<body><main id="root"></main><script src="/harness.js"></script></body></html>`;
  createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://harness');
    if (url.pathname === '/harness.js') {
      response.writeHead(200, { 'content-type': 'application/javascript' }).end(script);
    } else if (url.pathname === '/done') {
      const status = url.searchParams.get('redirect_status');
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><html lang="en"><title>Done</title><h1>Payment ${status === 'succeeded' ? 'complete' : 'not completed'}</h1><p id="intent">${url.searchParams.get('payment_intent') ?? ''}</p>`,
        );
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    }
  }).listen(harnessPort, '127.0.0.1', () => {
    console.log(
      `Stripe.js harness on http://127.0.0.1:${harnessPort}, emulator on ${emulator.url}`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
