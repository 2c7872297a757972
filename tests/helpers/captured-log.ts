import { createLogger } from '@/lib/log/logger';

/** A logger whose JSON lines the test can read back, raw and parsed. */
export function captureLog() {
  const raw: string[] = [];
  const log = createLogger({ write: (line: string) => void raw.push(line) });
  return {
    log,
    raw,
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
