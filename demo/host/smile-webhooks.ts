import { getRequestListener } from '@hono/node-server';
// A host app writes `from 'wink-link/server'`; the demo runs from source, so it imports the source.
import { createWebhookHandler, isKnownWebhookEvent, type SmileWebhookEvent } from '../../src/server/index';
import type { ServerEvents } from './server-events';

/**
 * The host's Smile webhook endpoint: wink-link/server's handler (signature, replay protection,
 * one run per event id, status codes), on node:http through @hono/node-server's adapter. The
 * wrapper around it only tells the page's timeline what the server answered.
 */
export function createWebhookRoute(secret: string, events: ServerEvents) {
  const handler = createWebhookHandler({
    secret,
    // A real host stores what it needs here (the account is connected, new incomes to fetch…).
    onEvent: (event) => events.send({ type: 'webhook', known: isKnownWebhookEvent(event), event }),
  });

  return getRequestListener(async (request) => {
    const copy = request.clone();
    const response = await handler(request);
    const answer = (await response.clone().json()) as { duplicate?: boolean; error?: { code: string } };
    if (answer.duplicate) {
      // Verified by the handler (it answered 200): the copy's id and type are Smile's.
      const event = (await copy.json()) as SmileWebhookEvent;
      events.send({ type: 'webhookDuplicate', id: event.id, eventType: event.type });
    }
    if (answer.error) events.send({ type: 'webhookRefused', code: answer.error.code });
    return response;
  });
}
