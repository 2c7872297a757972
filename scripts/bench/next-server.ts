import { spawn, type ChildProcess } from 'node:child_process';

export type RunningServer = { url: string; stop: () => Promise<void> };

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopTree(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    // next start forks a child server: signal the whole process group.
    process.kill(-child.pid, 'SIGTERM');
  });
}

/** Starts a command in its own process group and waits until `readyPath` answers. */
export async function startServer(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string>,
  readyPath = '/',
): Promise<RunningServer> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${readyPath}`, 60_000);
  return { url, stop: () => stopTree(child) };
}

export function startNext(port: number, env: Record<string, string> = {}) {
  return startServer('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], port, {
    NODE_ENV: 'production',
    SESSION_PASSWORD: 'bench-only-session-password-0123456789abcdef',
    ...env,
  });
}
