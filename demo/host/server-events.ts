import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Server-sent events from the host server to its page: in the demo, the timeline shows what
 * the server saw (webhooks, tokens issued) next to what the browser saw.
 */
export interface ServerEvents {
  subscribe(req: IncomingMessage, res: ServerResponse): void;
  send(event: Record<string, unknown>): void;
  close(): void;
}

export function createServerEvents(): ServerEvents {
  const clients = new Set<ServerResponse>();
  return {
    subscribe(req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    send(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const client of clients) client.write(frame);
    },
    close() {
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
