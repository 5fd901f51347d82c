// Smile's documented examples (test/fixtures/smile/). workerd has no JSON modules: there, the
// driver (test/node/server-runtimes.test.ts) serves this module with the same JSON inlined.
import api from '../fixtures/smile/open-api.json' with { type: 'json' };
import contract from '../fixtures/smile/webhook-contract.json' with { type: 'json' };
import docs from '../fixtures/smile/webhook-examples.json' with { type: 'json' };

export { api, contract, docs };
