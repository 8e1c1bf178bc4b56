import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/** A server process started for the benchmark, with its log tail and memory readings. */
export interface RunningServer {
  url: string;
  child: ChildProcess;
  logTail(): string;
  /** Resident memory now and at its peak (MB), from /proc. */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

export async function startProcess(
  args: string[],
  env: Record<string, string>,
  port: number,
  healthPath = '/healthz',
  timeoutMs = 120_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A crashed or interrupted benchmark never leaves its servers behind.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let tail = '';
  child.once('exit', (code, signal) => {
    tail += `\n[server process exited: code ${code}, signal ${signal}]`;
  });
  const take = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    child,
    logTail: () => tail,
    memory() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
      return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
    },
    stop: () =>
      new Promise((resolve) => {
        // Ended already (by its own exit or by a signal): a second stop must not wait for an exit that came.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${tail}`);
    try {
      if ((await fetch(`${url}${healthPath}`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`server on port ${port} did not answer ${healthPath}:\n${tail}`);
}

/** A signed-in demo user: the headers to send (session cookie; CSRF token for changes). */
export async function signIn(
  url: string,
  username: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': body.csrfToken };
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
