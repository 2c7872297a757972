/** `npm run emulators`: every local stand-in, in one process. */
import { startUpstashFromEnv } from './upstash/start-from-env';

async function main() {
  const upstash = await startUpstashFromEnv();
  console.log(`Upstash emulator on ${upstash.url} over ${upstash.backend.description}`);
  const stop = () => void upstash.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
