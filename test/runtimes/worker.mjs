// workerd (through miniflare, no compatibility flag): the suite runs inside a request. The
// handlers below are created at module scope, as a Worker would: workerd refuses I/O and timers
// there, so this module failing to load would mean creating a handler does either.
import * as server from '../../dist/server.js';
import { runSuite } from './handler-suite.mjs';

const atModuleScope = [
  server.createWebhookHandler({ secret: 'a little secret' }),
  server.createLinkTokenHandler({
    smile: () =>
      server.createSmileClient({ baseUrl: server.SMILE_SANDBOX_API_URL, apiKeyId: 'demo', apiKeySecret: 'p@55w0rd' }),
    getUser: () => null,
    saveSmileUserId: () => {},
  }),
];

export default {
  async fetch() {
    const loaded = atModuleScope.every((handler) => typeof handler === 'function');
    return Response.json({ loaded, results: await runSuite(server) });
  },
};
