/**
 * startGateway: createGateway + an HTTP server on 127.0.0.1 (port 0 = a free port), with server
 * timeouts, connection limits and an early 413 (see http/limits.ts).
 */
import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGateway, type Gateway, type GatewayOptions } from './app.ts';
import {
  answerAndClose,
  DEFAULT_SERVER_LIMITS,
  gatewayFull,
  LIMIT_RETRY_AFTER,
  SlotCounter,
  tooManyOpen,
  writeRawProblem,
  type ServerLimits,
} from './http/limits.ts';
import { problemTypes } from './http/problem.ts';
import { normaliseAddress } from './http/proxy.ts';

export interface StartOptions extends GatewayOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Timeouts and connection limits (defaults in http/limits.ts; maxBodyBytes defaults to bodyLimit). */
  server?: Partial<ServerLimits>;
}

export interface RunningGateway {
  baseUrl: string;
  port: number;
  gateway: Gateway;
  store: Gateway['store'];
  /** The Node HTTP server (its timeouts are set from `server`). */
  server: Server;
  close(): Promise<void>;
}

const refusal = Symbol('refusal');
type Refusal = { status: 429 | 503; body: Record<string, unknown> };
type GuardedSocket = Socket & { [refusal]?: Refusal };

export async function startGateway(options: StartOptions = {}): Promise<RunningGateway> {
  const { port = 0, host = '127.0.0.1', server: serverOptions, ...rest } = options;
  const gateway = await createGateway(rest);
  const limits: ServerLimits = {
    ...DEFAULT_SERVER_LIMITS,
    maxBodyBytes: gateway.deps.bodyLimit,
    ...serverOptions,
  };
  const proxies = gateway.deps.rateLimit.proxies;
  const honoListener = getRequestListener(gateway.app.fetch);

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const refused = (req.socket as GuardedSocket)[refusal];
    if (refused) {
      answerAndClose(req, res, refused.status, refused.body, limits.lingerMs, {
        'Retry-After': String(LIMIT_RETRY_AFTER),
      });
      return;
    }
    // A body declared larger than any route takes: 413 before a byte of it is read.
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      answerAndClose(
        req,
        res,
        413,
        {
          type: problemTypes.tooLarge,
          title: 'Te veel gegevens / Payload too large',
          detail: `The body may be at most ${limits.maxBodyBytes} bytes.`,
          errors: [{ field: '(body)', message: `At most ${limits.maxBodyBytes} bytes` }],
        },
        limits.lingerMs,
      );
      return;
    }
    void honoListener(req, res);
  };

  const server = createServer(
    {
      // Node requires headersTimeout ≤ requestTimeout.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests over their time; at most a second late.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
      ),
    },
    listener,
  );

  // Open connections per peer and in total. Over a limit the connection still gets an answer
  // (429/503 problem+json) to its first request, then it is closed.
  const connections = new SlotCounter(() => ({
    total: limits.maxConnections,
    perKey: limits.maxConnectionsPerIp,
  }));
  server.on('connection', (socket: GuardedSocket) => {
    const peer = normaliseAddress(socket.remoteAddress ?? 'unknown');
    const slot = connections.acquire(proxies.trusts(peer) ? undefined : peer);
    if (slot.ok) {
      socket.once('close', slot.release);
      return;
    }
    socket[refusal] =
      slot.reason === 'key'
        ? { status: 429, body: { ...tooManyOpen('connections') } }
        : { status: 503, body: { ...gatewayFull() } };
    // A refused connection that sends nothing is not kept waiting for the headers timeout.
    socket.setTimeout(Math.min(limits.headersTimeoutMs, 2_000), () => socket.destroy());
  });

  // Malformed requests and timeouts (headers or whole request too slow, e.g. a stalled body):
  // a problem+json answer when nothing was answered yet, then the connection is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const answered = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent;
    if (!socket.writable || answered || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      writeRawProblem(socket, 408, 'Request Timeout', {
        type: problemTypes.timeout,
        title: 'Te langzaam / Request timeout',
        detail: `The request was not received within the time allowed.`,
      });
    } else if (error.code === 'HPE_HEADER_OVERFLOW') {
      writeRawProblem(socket, 431, 'Request Header Fields Too Large', {
        type: problemTypes.tooLarge,
        title: 'Te veel gegevens / Request headers too large',
        detail: 'The request headers are too large.',
      });
    } else {
      writeRawProblem(socket, 400, 'Bad Request', {
        type: problemTypes.malformedRequest,
        title: 'Ongeldig verzoek / Bad request',
        detail: 'The request is not valid HTTP.',
      });
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
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
    server,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // SSE and keep-alive connections would hold close() open.
          server.closeAllConnections();
        });
        await gateway.close();
      })();
      return closing;
    },
  };
}
