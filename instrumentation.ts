/** Runs once when a server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvAtStartup } = await import('./lib/check-env-at-startup');
    checkEnvAtStartup();
  }
}
