import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CheckoutDeps } from '@/lib/checkout/checkout-deps';
import { handleWebhook } from '@/lib/checkout/webhook';
import { TEST_WEBHOOK_SECRET } from './stripe-emulator';

/** The app's webhook route as the Stripe emulator reaches it, over the deps of the moment. */
export async function startWebhookReceiver(deps: () => CheckoutDeps) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void handleWebhook(
        deps(),
        TEST_WEBHOOK_SECRET,
        Buffer.concat(chunks).toString('utf8'),
        (request.headers['stripe-signature'] as string | undefined) ?? null,
      ).then((result) => response.writeHead(result.status).end(JSON.stringify(result.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
