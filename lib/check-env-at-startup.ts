import 'server-only';
import { EnvError, getEnv } from './env';

/** A bad environment stops the server with a readable message. */
export function checkEnvAtStartup(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // Next only logs errors thrown from register() and keeps serving; a store
    // with a bad configuration must not take requests at all.
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
