/** startGateway: createGateway + an HTTP server on 127.0.0.1 (port 0 = a free port). */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createGateway, type Gateway, type GatewayOptions } from './app.ts';

export interface StartOptions extends GatewayOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningGateway {
  baseUrl: string;
  port: number;
  gateway: Gateway;
  store: Gateway['store'];
  close(): Promise<void>;
}

export async function startGateway(options: StartOptions = {}): Promise<RunningGateway> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const gateway = await createGateway(rest);
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: gateway.app.fetch, port, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${shownHost}:${address.port}`,
    port: address.port,
    gateway,
    store: gateway.store,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // SSE and keep-alive connections would hold close() open.
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await gateway.close();
      })();
      return closing;
    },
  };
}
