import { chromium } from '@playwright/test';
import { chromiumExecutable, OFFLINE_CHROMIUM_ARGS } from '../../tests/chromium-executable';

export type CapturedRequest = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Presses "Add to cart" on a book page in Chromium and returns the exact
 * request it sent, so a load generator can replay the real thing: the
 * server action fetch with JavaScript, or the plain form post without.
 */
export async function captureAddToCart(
  baseUrl: string,
  path: string,
  javaScriptEnabled: boolean,
): Promise<CapturedRequest> {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: OFFLINE_CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled });
    await page.goto(`${baseUrl}${path}`);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST'),
      page.getByRole('button', { name: 'Add to cart' }).click(),
    ]);
    const response = await request.response();
    if (!response?.ok()) throw new Error(`add to cart answered ${response?.status()}`);
    const headers = await request.allHeaders();
    for (const name of Object.keys(headers)) {
      // Replays start from an empty cart each time: same work per request.
      if (name.startsWith(':') || ['content-length', 'cookie', 'host'].includes(name)) {
        delete headers[name];
      }
    }
    return { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
  } finally {
    await browser.close();
  }
}
