/**
 * Public development defaults that tools outside the server (scripts/dev.ts)
 * need too; so no `server-only` here. Production refuses each of them.
 */

/** Authorizes the job sweeper (`GET /api/cron/jobs`) in development. */
export const DEV_CRON_SECRET = 'folio-dev-only-cron-secret';
