import { expect, test } from './fixtures';

test('the webhook refuses a body over 1 MiB with 413 and an unsigned one with 400', async ({
  request,
}) => {
  const huge = await request.post('/api/webhook', {
    data: 'x'.repeat(2 * 1024 * 1024),
    headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
  });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toEqual({ error: 'The body must be at most 1048576 bytes.' });

  const unsigned = await request.post('/api/webhook', {
    data: '{"id":"evt_1","object":"event"}',
    headers: { 'content-type': 'application/json' },
  });
  expect(unsigned.status()).toBe(400);
});
