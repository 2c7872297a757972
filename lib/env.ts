import 'server-only';
import { z } from 'zod';

/**
 * Development-only session password, used when SESSION_PASSWORD is unset and
 * NODE_ENV is not "production". It is public (it is in this file), so carts
 * sealed with it are not secret; production refuses to start without a real one.
 */
export const DEV_SESSION_PASSWORD = 'folio-dev-only-session-password-never-use-in-production';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)')
      .optional(),
  ),
});

/** Every variable the storefront reads; `.env.local.example` documents each one. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  sessionPassword: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment variables:\n${problems.join('\n')}`);
  }
  const { NODE_ENV, SESSION_PASSWORD } = result.data;
  const isProduction = NODE_ENV === 'production';
  if (isProduction && !SESSION_PASSWORD) {
    throw new EnvError(
      'Invalid environment variables:\n  - SESSION_PASSWORD: required when NODE_ENV=production ' +
        '(the development default is public); set at least 32 random characters',
    );
  }
  return {
    nodeEnv: NODE_ENV,
    isProduction,
    sessionPassword: SESSION_PASSWORD ?? DEV_SESSION_PASSWORD,
  };
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
