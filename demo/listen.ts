import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port the demo wanted is taken; start.js turns this into a one-line hint. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly label: string,
  ) {
    super(`Port ${port} (${label}) is already in use.`);
    this.name = 'PortInUseError';
  }
}

/** Binds to 127.0.0.1 (never the network: this is a sandbox with demo keys); port 0 = any free one. */
export function listen(server: Server, port: number, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, label) : error);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, drops keep-alive and streaming connections, resolves once closed. */
export function stopServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
