// workerd (through miniflare, no compatibility flag): the suite runs inside a request. The
// handlers below are created at module scope, as a Worker would: workerd refuses I/O and timers
// there, so this module failing to load would mean creating a handler does either. Each request
// also delivers a webhook to the module-scope handler (state kept across requests must work).
import * as server from '../../dist/server.js';
import { runSuite } from './handler-suite.mjs';

const SECRET = 'a little secret';
const webhook = server.createWebhookHandler({ secret: SECRET });
const linkToken = server.createLinkTokenHandler({
  smile: () =>
    server.createSmileClient({ baseUrl: server.SMILE_SANDBOX_API_URL, apiKeyId: 'demo', apiKeySecret: 'p@55w0rd' }),
  getUser: () => null,
  saveSmileUserId: () => {},
});

async function deliverToModuleScope() {
  const body = JSON.stringify({
    id: `et-${crypto.randomUUID()}`,
    version: 1,
    type: 'USER_CREATED',
    createdAt: new Date().toISOString(),
    data: { userId: 'tenantId-123abc456def789abc123def456abc78' },
  });
  const headers = { 'smile-signature': await server.signWebhook(body, SECRET) };
  const delivered = await webhook(new Request('https://app.example/hook', { method: 'POST', headers, body }));
  const unsigned = await linkToken(new Request('https://app.example/token', { method: 'POST' }));
  return [delivered.status, unsigned.status];
}

export default {
  async fetch() {
    return Response.json({ moduleScope: await deliverToModuleScope(), results: await runSuite(server) });
  },
};
