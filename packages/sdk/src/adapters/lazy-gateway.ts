import type { ChatAdapter, DichtbijAdapter } from '../adapter.ts';
import type { GatewayAdapterOptions } from './gateway.ts';
import { codeLoader } from '../code.ts';
import { DichtbijError } from '../errors.ts';

/** `https://x.nl/` and `https://x.nl/v1` both mean the gateway at `https://x.nl`. */
export function gatewayBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) {
    throw new TypeError('gatewayAdapter: "baseUrl" must be an http(s) URL, e.g. "https://dichtbij.gemeente.nl"');
  }
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** A gemeente id for `gemeente` ("wijchen", "west-betuwe"); undefined when none is given. */
export function gatewayGemeente(gemeente: unknown): string | undefined {
  if (gemeente === undefined || gemeente === null || gemeente === '') return undefined;
  if (typeof gemeente !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/i.test(gemeente.trim())) {
    throw new TypeError('gatewayAdapter: "gemeente" must be a gemeente id such as "wijchen" (letters, digits, dashes)');
  }
  return gemeente.trim().toLowerCase();
}

/**
 * The gateway adapter, loaded on first use: ky and the response schemas (about 10 kB gzip)
 * are not part of a page's first load, only of its first call to the backend, or of
 * `prepare()` (elements call it on the first sign of use, so that a resident who loses the
 * connection before sending still has the code). A failed load is tried again on the next call
 * and never while offline (see `codeLoader`); it rejects as a `network` DichtbijError, so a
 * submission stays in the outbox.
 */
export function lazyGatewayAdapter(options: GatewayAdapterOptions): DichtbijAdapter {
  const base = gatewayBaseUrl(options?.baseUrl);
  const gemeente = gatewayGemeente(options?.gemeente);
  let real: DichtbijAdapter | undefined;
  const loadCode = codeLoader(() => import('./gateway.ts'), 'gateway adapter');
  const load = async () => (real ??= (await loadCode()).gatewayAdapter(options));
  const chat: ChatAdapter = {
    start: async (input, o) => (await load()).chat.start(input, o),
    get: async (id, o) => (await load()).chat.get(id, o),
    send: async (id, input, o) => (await load()).chat.send(id, input, o),
    requestAgent: async (id, o) => (await load()).chat.requestAgent(id, o),
    end: async (id, o) => (await load()).chat.end(id, o),
    availability: async (o) => (await load()).chat.availability!(o),
    score: async (id, score, o) => (await load()).chat.score!(id, score, o),
    subscribe(sessionId, handlers, subscribeOptions) {
      let closed = false;
      let subscription: { close(): void } | undefined;
      load().then(
        (a) => {
          if (!closed) subscription = a.chat.subscribe(sessionId, handlers, subscribeOptions);
        },
        (error: unknown) => {
          if (!closed && error instanceof DichtbijError) handlers.onError?.(error);
        },
      );
      return {
        close() {
          closed = true;
          subscription?.close();
        },
      };
    },
  };
  return {
    id: gemeente ? `gateway:${base}#${gemeente}` : `gateway:${base}`,
    prepare: async () => void (await load()),
    getConfig: async (o) => (await load()).getConfig(o),
    submitFeedback: async (input, o) => (await load()).submitFeedback(input, o),
    requestCallback: async (input, o) => (await load()).requestCallback(input, o),
    getCase: async (reference, o) => (await load()).getCase(reference, o),
    listCases: async (o) => (await load()).listCases(o),
    chat,
  };
}
