// One app instance, in its own Node process, as a deployment behind a load balancer runs it:
// wink-link/server's handlers (dist/server.js) on node:http through @hono/node-server's adapter, with their
// dedupe and rate-limit store in a shared Redis, through node-redis or ioredis.
//   node test/node/redis/instance.mjs <node-redis|ioredis> <redis port>
// Prints `{ "port": N }` once listening. Each handled event is RPUSHed to the Redis list
// `handled`; an event whose data.failOnce is set throws at its first attempt (any instance).
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { getRequestListener } from '@hono/node-server';
import {
  createLinkTokenHandler,
  createRedisStore,
  createSmileClient,
  createWebhookHandler,
  SMILE_SANDBOX_API_URL,
} from '../../../dist/server.js';
import api from '../../fixtures/smile/open-api.json' with { type: 'json' };
import contract from '../../fixtures/smile/webhook-contract.json' with { type: 'json' };

const [kind, redisPort] = process.argv.slice(2);

async function connect() {
  const client =
    kind === 'ioredis'
      ? new Redis({ port: Number(redisPort) })
      : createClient({ socket: { port: Number(redisPort), reconnectStrategy: () => 100 } });
  // Both emit 'error' on every lost connection: node-redis exits the process without a listener.
  client.on('error', () => {});
  if (kind !== 'ioredis') await client.connect();
  return client;
}

const redis = await connect();
// The test's own bookkeeping, apart from the store under test.
const record = (...args) => (kind === 'ioredis' ? redis.call(...args) : redis.sendCommand(args));
const store = createRedisStore(redis, { prefix: `test:${kind}:` });

const webhook = createWebhookHandler({
  secret: contract.signature.exampleSecret,
  store,
  storeTimeoutMs: 500,
  onEvent: async (event) => {
    if (event.data.failOnce && Number(await record('INCR', `attempts:${event.id}`)) === 1)
      throw new Error('first attempt fails');
    await record('RPUSH', 'handled', `${event.id} ${process.pid}`);
  },
});

const smileAnswer = () => Response.json(api.createToken.answer, { status: api.createToken.status });
const token = createLinkTokenHandler({
  smile: createSmileClient({
    baseUrl: SMILE_SANDBOX_API_URL,
    apiKeyId: 'demo',
    apiKeySecret: 'p@55w0rd',
    fetch: async () => smileAnswer(),
  }),
  getUser: (request) => ({ id: request.headers.get('x-user') ?? 'u-1', smileUserId: 'smile-1' }),
  saveSmileUserId: () => {},
  rateLimit: { store, max: 3, windowMs: 60_000 },
  storeTimeoutMs: 500,
});

const routes = { '/webhook': getRequestListener(webhook), '/token': getRequestListener(token) };
const server = createServer((req, res) => routes[new URL(req.url, 'http://x').pathname](req, res));
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => process.exit(0));
