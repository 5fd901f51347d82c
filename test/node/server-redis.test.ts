/**
 * createRedisStore against a real redis-server, with node-redis and with ioredis: two app
 * instances in separate Node processes (test/node/redis/instance.mjs, the built package served
 * through @hono/node-server's node:http adapter) receive the same Smile deliveries at the same time; each
 * event must be handled exactly once, a throw must release it for the retry, the per-user rate
 * limit must be shared, and Redis going away must be a 503 that heals by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/server/index';
import contract from '../fixtures/smile/webhook-contract.json';
import docs from '../fixtures/smile/webhook-examples.json';

const ROOT = join(import.meta.dirname, '../..');
const REDIS_SERVER = '/usr/bin/redis-server';
const USER_CREATED = docs.examples[0]!.event;
const children = new Set<ChildProcess>();

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Starts a child and resolves its first stdout line that `ready` accepts. */
async function start(
  command: string,
  args: string[],
  ready: (line: string) => boolean,
): Promise<[ChildProcess, string]> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  for await (const line of createInterface({ input: child.stdout! })) if (ready(line)) return [child, line];
  throw new Error(`${command} exited before it was ready`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const startRedis = (port: number) =>
  start(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], (line) =>
    line.includes('Ready to accept connections'),
  ).then(([child]) => child);

async function startInstance(kind: string, redisPort: number): Promise<string> {
  const [, line] = await start(process.execPath, ['test/node/redis/instance.mjs', kind, String(redisPort)], (l) =>
    l.startsWith('{'),
  );
  return `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
}

/** Delivered as Smile delivers: the Java sample's hex HMAC-SHA512 of the raw body, in Smile-Signature. */
async function deliver(instance: string, event: object): Promise<number> {
  const body = JSON.stringify(event);
  const signature = createHmac('sha512', contract.signature.exampleSecret).update(body).digest('hex');
  const response = await fetch(`${instance}/webhook`, {
    method: 'POST',
    headers: { [contract.signature.header]: signature, 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const event = (id: string, data: object = {}) => ({
  ...USER_CREATED,
  id,
  createdAt: new Date().toISOString(),
  data: { ...USER_CREATED.data, ...data },
});

afterAll(async () => {
  await Promise.all([...children].map(stop));
});

describe.each(['node-redis', 'ioredis'])('%s', (kind) => {
  let redisPort: number;
  let redis: ChildProcess;
  let a: string;
  let b: string;
  let inspect: ReturnType<typeof createClient>;
  const handled = async () => (await inspect.lRange('handled', 0, -1)).map((entry) => entry.split(' ')[0]!);

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    [a, b] = await Promise.all([startInstance(kind, redisPort), startInstance(kind, redisPort)]);
    inspect = createClient({ socket: { port: redisPort, reconnectStrategy: () => 100 } });
    inspect.on('error', () => {});
    await inspect.connect();
  }, 30_000);

  afterAll(async () => {
    await inspect?.close();
  });

  it('two instances, the same 50 events each delivered 4 times at once across both: each handled exactly once', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `et-${kind}-${i}`);
    const started = performance.now();
    const statuses = await Promise.all(
      ids.flatMap((id, i) => {
        const delivery = event(id);
        const order = i % 2 ? [a, b, a, b] : [b, a, b, a];
        return order.map((instance) => deliver(instance, delivery));
      }),
    );
    const ms = performance.now() - started;
    expect(statuses.every((s) => s === 200)).toBe(true);
    const seen = await handled();
    expect(seen.sort()).toEqual([...ids].sort());
    const pids = new Set((await inspect.lRange('handled', 0, -1)).map((entry) => entry.split(' ')[1]));
    console.info(
      `${kind}: ${statuses.length} deliveries of ${ids.length} events in ${ms.toFixed(0)} ms, handled ${seen.length} times by ${pids.size} processes`,
    );
  });

  it("a handler that throws is a 500 and releases the id: Smile's retry, to the other instance, handles it", async () => {
    const failing = event(`et-${kind}-fails-once`, { failOnce: true });
    expect(await deliver(a, failing)).toBe(500);
    expect(await deliver(b, failing)).toBe(200);
    expect(await deliver(a, failing)).toBe(200);
    expect((await handled()).filter((id) => id === failing.id)).toHaveLength(1);
  });

  it("a release deletes only this instance's claim, under the store's prefix", async () => {
    const mine = createRedisStore(inspect, { prefix: 'release-test:' });
    const theirs = createRedisStore(inspect, { prefix: 'release-test:' });
    expect(await mine.setIfAbsent(`et-${kind}-claim`, 60_000)).toBe(true);
    expect(await theirs.setIfAbsent(`et-${kind}-claim`, 60_000)).toBe(false);
    await theirs.delete(`et-${kind}-claim`);
    expect(await inspect.exists(`release-test:seen:et-${kind}-claim`)).toBe(1);
    await mine.delete(`et-${kind}-claim`);
    expect(await inspect.exists(`release-test:seen:et-${kind}-claim`)).toBe(0);
  });

  it('the per-user rate limit is counted across both instances', async () => {
    const ask = async (instance: string) =>
      (await fetch(`${instance}/token`, { method: 'POST', headers: { 'x-user': `rate-${kind}` } })).status;
    expect([await ask(a), await ask(b), await ask(a), await ask(b)]).toEqual([200, 200, 200, 429]);
  });

  it('Redis stopped: 503 and nothing handled; restarted: the retry is handled once, without a restart of the app', async () => {
    const retried = event(`et-${kind}-outage`);
    await stop(redis);
    const down = performance.now();
    expect(await Promise.all([deliver(a, retried), deliver(b, retried)])).toEqual([503, 503]);
    const answeredIn = performance.now() - down;

    redis = await startRedis(redisPort);
    const restarted = performance.now();
    let status = 0;
    while (status !== 200 && performance.now() - restarted < 15_000) {
      status = await deliver(a, retried);
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const recoveredIn = performance.now() - restarted;
    expect(status).toBe(200);
    expect(await deliver(b, retried)).toBe(200);
    expect((await handled()).filter((id) => id === retried.id)).toHaveLength(1);
    console.info(
      `${kind}: Redis down → two 503s in ${answeredIn.toFixed(0)} ms; after the restart, handled ${recoveredIn.toFixed(0)} ms later`,
    );
  }, 30_000);
});
