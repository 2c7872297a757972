/** `npm run emulators`: every local stand-in, in one process. */
import { describeMail, startMailFromEnv } from './mail/start-from-env';
import { describeStripe, startStripeFromEnv } from './stripe/start-from-env';
import { startUpstashFromEnv } from './upstash/start-from-env';

async function main() {
  const upstash = await startUpstashFromEnv();
  console.log(`Upstash emulator on ${upstash.url} over ${upstash.backend.description}`);
  const stripe = await startStripeFromEnv();
  console.log(describeStripe(stripe));
  const mail = await startMailFromEnv();
  console.log(describeMail(mail));
  const stop = () =>
    void Promise.all([upstash.close(), stripe.close(), mail.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
