// A minimal W3C WebDriver (classic) client over fetch: the few commands the WebKit page needs.
// No dependency: WebKitWebDriver speaks plain HTTP+JSON (https://w3c.github.io/webdriver/).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { waitFor } from './types';

/** The key WebDriver puts element references under. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementRef = { [ELEMENT]: string };

export class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(`${error}: ${message}`);
  }
}

const SESSION_TIMEOUT_MS = 20_000;

/** A WebDriver server process (e.g. WebKitWebDriver) on a free port. */
export class DriverServer {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
  ) {}

  static async start(binary: string, env: NodeJS.ProcessEnv): Promise<DriverServer> {
    const port = await freePort();
    const child = spawn(binary, [`--port=${port}`], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${binary} on port ${port}`, () =>
      fetch(`${url}/status`).then(
        (r) => r.ok,
        () => false,
      ),
    );
    return new DriverServer(url, child);
  }

  /**
   * A new session. WebKitWebDriver now and then never answers one (2 in about 250 here, right after
   * the previous session ended: its browser process did not come up); asked again, it answers
   * at once. An answer normally takes under 2 s.
   */
  async session(capabilities: object, attempts = 3): Promise<Session> {
    const body = { capabilities: { alwaysMatch: capabilities } };
    for (let attempt = 1; ; attempt++) {
      try {
        const signal = AbortSignal.timeout(SESSION_TIMEOUT_MS);
        const { sessionId } = await command<{ sessionId: string }>(this.url, 'POST', '/session', body, signal);
        return new Session(`${this.url}/session/${sessionId}`);
      } catch (error) {
        if (attempt === attempts || (error as Error).name !== 'TimeoutError') throw error;
      }
    }
  }

  stop(): void {
    this.process.kill();
  }
}

export class Session {
  constructor(private readonly base: string) {}

  send<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<T> {
    return command<T>(this.base, method, path, body ?? (method === 'POST' ? {} : undefined));
  }

  delete(): Promise<unknown> {
    return this.send('DELETE', '');
  }
}

async function command<T>(base: string, method: string, path: string, body?: object, signal?: AbortSignal): Promise<T> {
  const response = await fetch(base + path, {
    method,
    signal,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body && JSON.stringify(body),
  });
  const { value } = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new WebDriverError(value.error ?? String(response.status), value.message ?? '');
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
