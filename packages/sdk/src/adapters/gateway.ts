import ky, { HTTPError, TimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import type { ChatAdapter, ChatHandlers, DichtbijAdapter, RequestOptions } from '../adapter.ts';
import { parseResponse } from '../adapter.ts';
import { DichtbijError, codeForStatus } from '../errors.ts';
import { ChatAvailabilityReportSchema } from '../schemas/chat-availability.ts';
import { gatewayBaseUrl, gatewayGemeente } from './lazy-gateway.ts';
import {
  CallbackReceiptSchema,
  CaseListSchema,
  CaseStatusSchema,
  ChatMessageSchema,
  ChatSessionSchema,
  FeedbackReceiptSchema,
  GemeenteConfigSchema,
  ProblemSchema,
} from '../schemas.ts';

export interface GatewayAdapterOptions {
  /** Where @dichtbij/gateway runs, e.g. "https://dichtbij.gemeente.nl" (the adapter adds /v1/…). */
  baseUrl: string;
  /**
   * The gemeente in a gateway that serves several (e.g. "wijchen"): sent as the query parameter
   * `gemeente` on every request. Without it, the gateway's only or default gemeente.
   */
  gemeente?: string;
  /** Per-attempt timeout in ms (default 10 000). */
  timeout?: number;
  /** Retries on 408/429/5xx and network errors (default 2). */
  retries?: number;
  /** The longest Retry-After the adapter waits for itself, in ms (default 10 000); longer → rate_limited. */
  maxRetryAfter?: number;
  /** Base backoff delay in ms (default 300; doubles per attempt). */
  backoff?: number;
  /** For tests and special runtimes. */
  fetch?: typeof fetch;
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Turns whatever ky/fetch threw into a DichtbijError (an abort by the caller stays an AbortError). */
async function toDichtbijError(error: unknown, signal?: AbortSignal): Promise<unknown> {
  if (error instanceof DichtbijError) return error;
  if (signal?.aborted) return error;
  if (error instanceof TimeoutError) return new DichtbijError('timeout', 'The request took too long', { cause: error });
  if (error instanceof HTTPError) {
    const { status } = error.response;
    let problem: ReturnType<typeof ProblemSchema.parse> | undefined;
    try {
      const parsed = ProblemSchema.safeParse(await error.response.clone().json());
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: keep the status only
    }
    const retryAfter = retryAfterSeconds(error.response) ?? problem?.retryAfter;
    return new DichtbijError(codeForStatus(status), problem?.detail ?? problem?.title ?? `HTTP ${status}`, {
      status,
      ...(retryAfter === undefined ? {} : { retryAfter }),
      ...(problem?.errors ? { fields: problem.errors } : {}),
      cause: error,
    });
  }
  if (error instanceof SyntaxError)
    return new DichtbijError('bad_response', 'The backend sent invalid JSON', { cause: error });
  return new DichtbijError('network', 'The backend could not be reached', { cause: error });
}

/**
 * The Dichtbij API v1 served by @dichtbij/gateway, over ky: a timeout per attempt, retries
 * with exponential backoff on 408/429/5xx and network errors (POSTs too: every submission
 * carries an Idempotency-Key), honouring Retry-After, and the caller's AbortSignal.
 */
export function gatewayAdapter(options: GatewayAdapterOptions): DichtbijAdapter {
  const base = gatewayBaseUrl(options?.baseUrl);
  const maxRetryAfter = options.maxRetryAfter ?? 10_000;
  const backoff = options.backoff ?? 300;
  const gemeente = gatewayGemeente(options.gemeente);
  const http: KyInstance = ky.create({
    prefixUrl: `${base}/v1`,
    ...(gemeente ? { searchParams: { gemeente } } : {}),
    timeout: options.timeout ?? 10_000,
    credentials: 'omit',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      limit: options.retries ?? 2,
      methods: ['get', 'post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter,
      backoffLimit: 5_000,
      delay: (attempt) => backoff * 2 ** (attempt - 1),
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        // A long Retry-After is the resident's business ("try again in 5 minutes"), not a hang.
        if (error instanceof HTTPError && error.response.status === 429) {
          const after = retryAfterSeconds(error.response);
          if (after !== undefined && after * 1000 > maxRetryAfter) return false;
        }
        return undefined;
      },
    },
  });

  async function call<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw await toDichtbijError(error, signal);
    }
  }
  const opts = (o: RequestOptions | undefined, extra: KyOptions = {}): KyOptions => ({
    ...extra,
    ...(o?.signal ? { signal: o.signal } : {}),
  });
  const json = <T>(
    path: string,
    schema: Parameters<typeof parseResponse>[0],
    what: string,
    kyOptions: KyOptions,
    o?: RequestOptions,
  ) => call(async () => parseResponse(schema, await http(path, opts(o, kyOptions)).json(), what) as T, o?.signal);

  const chat: ChatAdapter = {
    // Never retried by itself: starting has no idempotency key, so a retry after a lost answer
    // would open a second chat. The panel offers "Opnieuw proberen" instead. (requestAgent and
    // end are idempotent state changes; send carries a clientId.)
    start: (input, o) =>
      json('chat/sessions', ChatSessionSchema, 'chat session', { method: 'post', json: input, retry: { limit: 0 } }, o),
    get: (id, o) => json(`chat/sessions/${encodeURIComponent(id)}`, ChatSessionSchema, 'chat session', {}, o),
    // A chat message is not held back for a rate limit: the resident is told at once (the
    // panel keeps the text). Network errors and 5xx are retried; the clientId makes that safe.
    send: (id, input, o) =>
      json(
        `chat/sessions/${encodeURIComponent(id)}/messages`,
        ChatMessageSchema,
        'chat message',
        {
          method: 'post',
          json: input,
          retry: {
            shouldRetry: ({ error }) =>
              error instanceof HTTPError && error.response.status === 429 ? false : undefined,
          },
        },
        o,
      ),
    requestAgent: (id, o) =>
      json(`chat/sessions/${encodeURIComponent(id)}/agent`, ChatSessionSchema, 'chat session', { method: 'post' }, o),
    end: (id, o) =>
      json(`chat/sessions/${encodeURIComponent(id)}/end`, ChatSessionSchema, 'chat session', { method: 'post' }, o),
    // Polled while the chat panel is open: not retried (the next poll is the retry).
    availability: (o) =>
      json('chat/availability', ChatAvailabilityReportSchema, 'chat availability', { retry: { limit: 0 } }, o),
    // One score per chat: 409 (already scored, e.g. a retry after a lost answer) counts as done.
    score: (id, score, o) =>
      call(async () => {
        try {
          await http(`survey/chat/${encodeURIComponent(id)}`, opts(o, { method: 'post', json: { score } }));
        } catch (error) {
          if (error instanceof HTTPError && error.response.status === 409) return;
          throw error;
        }
      }, o?.signal),
    subscribe: (id, handlers, o) =>
      subscribeSse(
        `${base}/v1/chat/sessions/${encodeURIComponent(id)}/events${gemeente ? `?gemeente=${encodeURIComponent(gemeente)}&` : '?'}`,
        handlers,
        o?.lastSeq,
        () => chat.get(id),
      ),
  };

  return {
    id: gemeente ? `gateway:${base}#${gemeente}` : `gateway:${base}`,
    getConfig: (o) => json('config', GemeenteConfigSchema, 'configuration', {}, o),
    submitFeedback: (input, o) =>
      json(
        'feedback',
        FeedbackReceiptSchema,
        'feedback receipt',
        {
          method: 'post',
          json: input,
          headers: { 'Idempotency-Key': o.idempotencyKey },
        },
        o,
      ),
    requestCallback: (input, o) =>
      json(
        'callback-requests',
        CallbackReceiptSchema,
        'callback receipt',
        {
          method: 'post',
          json: input,
          headers: { 'Idempotency-Key': o.idempotencyKey },
        },
        o,
      ),
    getCase: (reference, o) =>
      json(
        `cases/${encodeURIComponent(reference)}`,
        CaseStatusSchema,
        'case',
        {
          retry: { limit: 0 },
          ...(o?.check ? { headers: { 'Dichtbij-Check': o.check } } : {}),
        },
        o,
      ),
    listCases: (o) =>
      call(
        async () =>
          parseResponse(CaseListSchema, await http('cases', opts(o, { credentials: 'include' })).json(), 'case list')
            .cases,
        o?.signal,
      ),
    chat,
  };
}

/**
 * Server-sent events with resume: the browser's EventSource reconnects by itself and sends
 * Last-Event-ID; each (re)opened connection asks for messages after the last one seen.
 * Messages are de-duplicated by seq, so a resumed stream never shows one twice. When the
 * server refuses the stream (EventSource gives up), the session is checked: gone (404) is
 * reported as `not_found` and the subscription stops; anything else reopens with backoff.
 */
function subscribeSse(url: string, handlers: ChatHandlers, lastSeq = -1, check?: () => Promise<unknown>) {
  let seen = lastSeq;
  let source: EventSource | undefined;
  let closed = false;
  let delay = 1_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reopen = async () => {
    try {
      await check?.();
    } catch (error) {
      if (closed) return;
      if (error instanceof DichtbijError && error.code === 'not_found') {
        closed = true;
        handlers.onError?.(error);
        handlers.onConnection?.('closed');
        return;
      }
    }
    if (closed) return;
    timer = setTimeout(open, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  const open = () => {
    if (closed) return;
    handlers.onConnection?.(source ? 'reconnecting' : 'connecting');
    source?.close();
    source = new EventSource(`${url}after=${seen}`);
    source.onopen = () => {
      delay = 1_000;
      handlers.onConnection?.('open');
    };
    source.addEventListener('message', (event) => {
      try {
        const message = parseResponse(
          ChatMessageSchema,
          JSON.parse((event as MessageEvent<string>).data),
          'chat message',
        );
        if (message.seq <= seen) return;
        seen = message.seq;
        handlers.onMessage(message);
      } catch (error) {
        handlers.onError?.(
          error instanceof DichtbijError ? error : new DichtbijError('bad_response', 'Bad chat event'),
        );
      }
    });
    source.addEventListener('session', (event) => {
      try {
        handlers.onSession?.(
          parseResponse(ChatSessionSchema, JSON.parse((event as MessageEvent<string>).data), 'chat session'),
        );
      } catch (error) {
        handlers.onError?.(
          error instanceof DichtbijError ? error : new DichtbijError('bad_response', 'Bad chat event'),
        );
      }
    });
    source.onerror = () => {
      if (closed) return;
      handlers.onConnection?.('reconnecting');
      if (source?.readyState === EventSource.CLOSED) void reopen();
    };
  };
  open();
  return {
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      source?.close();
      handlers.onConnection?.('closed');
    },
  };
}
