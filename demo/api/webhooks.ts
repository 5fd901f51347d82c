import { randomUUID } from 'node:crypto';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, type UserCreatedEvent } from '../../src/server/index';

/**
 * The mock Smile API's webhook sender: signs each body with the shared secret, as the real
 * API would, and posts it to the host server. Deliveries in flight are cancelled on close.
 */
export interface WebhookSender {
  /** Where to deliver; set once the host server is listening. */
  url?: string;
  userCreated(userId: string): void;
  close(): Promise<void>;
}

export function createWebhookSender(secret: string, log: (message: string) => void): WebhookSender {
  const controller = new AbortController();
  const inflight = new Set<Promise<void>>();

  const deliver = async (url: string, event: UserCreatedEvent) => {
    const body = JSON.stringify(event);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, secret) },
        body,
        signal: controller.signal,
      });
      if (!response.ok) log(`webhook ${event.type} → ${url}: HTTP ${response.status}`);
    } catch (error) {
      if (!controller.signal.aborted) log(`webhook ${event.type} → ${url} failed: ${(error as Error).message}`);
    }
  };

  return {
    userCreated(userId) {
      if (!this.url) return;
      const event: UserCreatedEvent = {
        id: `evt_${randomUUID()}`,
        version: '1',
        type: 'USER_CREATED',
        createdAt: new Date().toISOString(),
        data: { userId },
      };
      const delivery = deliver(this.url, event).finally(() => inflight.delete(delivery));
      inflight.add(delivery);
    },
    async close() {
      controller.abort();
      await Promise.all(inflight);
    },
  };
}
