import { join } from 'node:path';
import { MemoryBackend } from './memory-backend';
import { RedisBackend } from './redis-backend';
import { startUpstashServer, type RunningUpstashServer } from './server';

export const DEFAULT_UPSTASH_PORT = 8079;
export const DEV_UPSTASH_TOKEN = 'folio-dev-upstash-token';

/**
 * Starts the server as configured by the environment:
 *
 *   UPSTASH_EMULATOR_PORT   port (default 8079)
 *   UPSTASH_EMULATOR_TOKEN  bearer token clients must send (default: the development token)
 *   REDIS_URL               redis://host:port to run over a real Redis; otherwise in memory
 *   UPSTASH_EMULATOR_FILE   where the in-memory backend keeps its data
 *                           (default .data/upstash.json; "none" keeps nothing)
 */
export function startUpstashFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningUpstashServer> {
  const file = env.UPSTASH_EMULATOR_FILE ?? join(process.cwd(), '.data', 'upstash.json');
  const backend = env.REDIS_URL
    ? new RedisBackend(env.REDIS_URL)
    : new MemoryBackend({ file: file === 'none' ? undefined : file });
  return startUpstashServer({
    backend,
    token: env.UPSTASH_EMULATOR_TOKEN || DEV_UPSTASH_TOKEN,
    port: Number(env.UPSTASH_EMULATOR_PORT ?? DEFAULT_UPSTASH_PORT),
  });
}
