/**
 * What one client, and everyone together, may hold open: server timeouts, open connections and
 * server-sent event streams. Over a limit the answer is a 429 (this client) or a 503 (the
 * gateway is full) problem+json with Retry-After, never a hang or a reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemResponse, problemTypes } from './problem.ts';

export interface ServerLimits {
  /** Time to receive a request's headers (HEADERS_TIMEOUT_SECONDS, default 10 s). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (REQUEST_TIMEOUT_SECONDS, default 30 s). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (KEEP_ALIVE_TIMEOUT_SECONDS, default 5 s). */
  keepAliveTimeoutMs: number;
  /** Open connections in total (MAX_CONNECTIONS, default 5000). */
  maxConnections: number;
  /**
   * Open connections per peer address (MAX_CONNECTIONS_PER_IP, default 200). Not applied to a
   * trusted proxy's connections (TRUST_PROXY): they carry many clients; limit those at the proxy.
   */
  maxConnectionsPerIp: number;
  /** Largest request body any route accepts: a larger Content-Length is refused with 413 at once. */
  maxBodyBytes: number;
  /** How long to keep reading (and discarding) a refused body before closing (default 5 s). */
  lingerMs: number;
}

export const DEFAULT_SERVER_LIMITS: Omit<ServerLimits, 'maxBodyBytes'> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 5_000,
  maxConnectionsPerIp: 200,
  lingerMs: 5_000,
};

export interface StreamLimits {
  /** Open event streams in total (MAX_EVENT_STREAMS, default 2000). */
  maxStreams: number;
  /** Open event streams per client address (MAX_EVENT_STREAMS_PER_IP, default 50). */
  maxStreamsPerIp: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxStreams: 2_000, maxStreamsPerIp: 50 };

/** Seconds a client is asked to wait when a connection or stream limit is reached. */
export const LIMIT_RETRY_AFTER = 10;

export const tooManyOpen = (what: string) =>
  ({
    type: problemTypes.rateLimited,
    title: 'Te veel verbindingen / Too many connections',
    detail: `You have too many ${what} open. Close some, or try again in ${LIMIT_RETRY_AFTER} seconds.`,
    retryAfter: LIMIT_RETRY_AFTER,
  }) as const;

export const gatewayFull = () =>
  ({
    type: problemTypes.busy,
    title: 'Het is nu te druk / Server busy',
    detail: `The gateway is at its limit. Try again in ${LIMIT_RETRY_AFTER} seconds.`,
    retryAfter: LIMIT_RETRY_AFTER,
  }) as const;

/** Counts per key and in total; `acquire` gives a release (idempotent) or says which limit is reached. */
export class SlotCounter {
  private total = 0;
  private readonly byKey = new Map<string, number>();
  constructor(private readonly limits: () => { total: number; perKey: number }) {}

  acquire(key: string | undefined): { ok: true; release: () => void } | { ok: false; reason: 'key' | 'total' } {
    const { total, perKey } = this.limits();
    if (this.total >= total) return { ok: false, reason: 'total' };
    const mine = key === undefined ? 0 : (this.byKey.get(key) ?? 0);
    if (key !== undefined && mine >= perKey) return { ok: false, reason: 'key' };
    this.total++;
    if (key !== undefined) this.byKey.set(key, mine + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        if (key === undefined) return;
        const left = (this.byKey.get(key) ?? 1) - 1;
        if (left > 0) this.byKey.set(key, left);
        else this.byKey.delete(key);
      },
    };
  }

  get open(): number {
    return this.total;
  }
  openFor(key: string): number {
    return this.byKey.get(key) ?? 0;
  }
}

/** Server-sent event streams per client address and in total (shared by every SSE route). */
export class StreamLimiter {
  private readonly slots: SlotCounter;
  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.slots = new SlotCounter(() => ({ total: limits.maxStreams, perKey: limits.maxStreamsPerIp }));
  }

  /** A slot for one stream of `ip`, or the 429/503 answer. */
  acquire(ip: string): { ok: true; release: () => void } | { ok: false; response: Response } {
    const slot = this.slots.acquire(ip);
    if (slot.ok) return slot;
    const retry = { 'Retry-After': String(LIMIT_RETRY_AFTER) };
    return {
      ok: false,
      response:
        slot.reason === 'key'
          ? problemResponse(429, { ...tooManyOpen('event streams') }, retry)
          : problemResponse(503, { ...gatewayFull() }, retry),
    };
  }

  get open(): number {
    return this.slots.open;
  }
}

/**
 * Answers with a small problem+json and closes the connection without a reset: Node closes a
 * `Connection: close` answer's socket at once, and a client still sending (a refused body) would
 * then get a TCP reset that can wipe the answer from its buffers before it is read. Instead the
 * socket is half-closed after the answer, what still arrives is read and discarded, and it is
 * closed when the client closes or after `lingerMs`.
 */
export function answerAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  lingerMs: number,
  headers: Record<string, string> = {},
): void {
  const socket = req.socket;
  lingerOnClose(socket, lingerMs);
  const text = JSON.stringify({ status, ...body });
  res.writeHead(status, {
    ...headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  res.end(text);
  req.resume(); // read and discard the body
}

const lingering = Symbol('lingering');

/** Makes the socket's next close a lingering one (see answerAndClose). */
export function lingerOnClose(socket: Socket, lingerMs: number): void {
  const s = socket as Socket & { [lingering]?: boolean };
  if (s[lingering]) return;
  s[lingering] = true;
  // Node's HTTP server calls destroySoon() when a `Connection: close` answer is written.
  s.destroySoon = function (this: Socket) {
    if (this.destroyed) return;
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}

/** Writes a raw problem+json answer on a socket outside any request (a client error or timeout). */
export function writeRawProblem(socket: Socket, status: number, reason: string, body: Record<string, unknown>): void {
  const text = JSON.stringify({ status, ...body });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${text}`,
  );
  const timer = setTimeout(() => socket.destroy(), 1_000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
