import type { IncomingMessage, ServerResponse } from 'node:http';
// A host app writes `from 'wink-link/server'`; the demo runs from source, so it imports the source.
import { createWebhookDeduper, isKnownWebhookEvent, parseWebhook, WebhookError } from '../../src/server/index';
import { readRawBody, sendError } from '../http-util';
import type { ServerEvents } from './server-events';

/**
 * The host's Smile webhook endpoint, as the README shows it: verify the `Smile-Signature` over
 * the raw bytes, refuse stale events, handle each event id once (Smile delivers at least once),
 * and answer 2xx for any verified event, known type or not, so Smile does not retry it.
 */
export function createWebhookRoute(secret: string, events: ServerEvents) {
  const deduper = createWebhookDeduper({ ttlMs: 60 * 60_000 });

  return async function webhook(req: IncomingMessage, res: ServerResponse) {
    try {
      const event = await parseWebhook(await readRawBody(req), req.headers, { secret, maxAgeMs: 10 * 60_000 });
      const first = await deduper.once(event.id, () => {
        // A real host stores what it needs here (the account is connected, new incomes to fetch…).
        events.send({ type: 'webhook', known: isKnownWebhookEvent(event), event });
      });
      if (!first) events.send({ type: 'webhookDuplicate', id: event.id, eventType: event.type });
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookError) || error.code === 'INVALID_ARGUMENT') throw error;
      events.send({ type: 'webhookRefused', code: error.code });
      sendError(res, error.code.endsWith('SIGNATURE') ? 401 : 400, error.code, error.message);
    }
  };
}
