import { createHmac, randomBytes } from 'node:crypto';

/**
 * The mock Smile API's webhook sender, written from Smile's documentation, not from
 * wink-link/server (so the demo checks one against the other): SmileAPI/smile-openapi
 * docs/english/api-reference/tags/tag-webhooks.md. Events are `{ id: "et-…", version: 1, type,
 * createdAt, data }` (:140-828), signed in the `Smile-Signature` header with the lowercase hex
 * HMAC-SHA512 of the raw body keyed with the secret (:840, :889-921), and delivered at least
 * once: an answer outside 200-299 is retried up to two times (:91-97; a few dozen seconds apart
 * at Smile, `retryDelayMs` here). Deliveries go out one at a time, in order.
 */
export interface SentEvent {
  id: string;
  version: 1;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export interface WebhookSender {
  /** Where to deliver; set once the host server is listening. */
  url?: string;
  send(type: string, data: Record<string, unknown>): void;
  /** Delivers the last event again, same id and body: what at-least-once delivery allows. */
  redeliverLast(): SentEvent | undefined;
  close(): Promise<void>;
}

const RETRIES = 2;

export function createWebhookSender(
  secret: string,
  log: (message: string) => void,
  retryDelayMs = 2000,
): WebhookSender {
  const controller = new AbortController();
  let queue: Promise<void> = Promise.resolve();
  let last: { event: SentEvent; body: string } | undefined;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const stop = () => {
        clearTimeout(timer);
        resolve();
      };
      controller.signal.addEventListener('abort', stop, { once: true });
    });

  async function deliver(url: string, event: SentEvent, body: string) {
    const signature = createHmac('sha512', secret).update(body, 'utf8').digest('hex');
    for (let attempt = 0; attempt <= RETRIES && !controller.signal.aborted; attempt++) {
      if (attempt > 0) await wait(retryDelayMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Smile-Signature': signature },
          body,
          signal: controller.signal,
        });
        await response.body?.cancel();
        if (response.ok) return;
        log(`webhook ${event.type} ${event.id} → HTTP ${response.status} (attempt ${attempt + 1})`);
      } catch (error) {
        if (!controller.signal.aborted) log(`webhook ${event.type} → ${url} failed: ${(error as Error).message}`);
      }
    }
  }

  function enqueue(event: SentEvent, body: string) {
    const url = sender.url;
    if (!url) return;
    queue = queue.then(() => deliver(url, event, body));
  }

  const sender: WebhookSender = {
    send(type, data) {
      const event: SentEvent = {
        id: `et-${randomBytes(16).toString('hex')}`,
        version: 1,
        type,
        createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        data,
      };
      last = { event, body: JSON.stringify(event) };
      enqueue(event, last.body);
    },
    redeliverLast() {
      if (last) enqueue(last.event, last.body);
      return last?.event;
    },
    async close() {
      controller.abort();
      await queue;
    },
  };
  return sender;
}
