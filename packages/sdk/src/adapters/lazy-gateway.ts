import type { ChatAdapter, DichtbijAdapter } from '../adapter.ts';
import type { GatewayAdapterOptions } from './gateway.ts';

/** `https://x.nl/` and `https://x.nl/v1` both mean the gateway at `https://x.nl`. */
export function gatewayBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) {
    throw new TypeError('gatewayAdapter: "baseUrl" must be an http(s) URL, e.g. "https://dichtbij.gemeente.nl"');
  }
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * The gateway adapter, loaded on first use: ky and the response schemas (about 10 kB gzip)
 * are not part of a page's first load, only of its first call to the backend.
 */
export function lazyGatewayAdapter(options: GatewayAdapterOptions): DichtbijAdapter {
  const base = gatewayBaseUrl(options?.baseUrl);
  let real: Promise<DichtbijAdapter> | undefined;
  const load = () => (real ??= import('./gateway.ts').then((m) => m.gatewayAdapter(options)));
  const chat: ChatAdapter = {
    start: async (input, o) => (await load()).chat.start(input, o),
    get: async (id, o) => (await load()).chat.get(id, o),
    send: async (id, input, o) => (await load()).chat.send(id, input, o),
    requestAgent: async (id, o) => (await load()).chat.requestAgent(id, o),
    end: async (id, o) => (await load()).chat.end(id, o),
    availability: async (o) => (await load()).chat.availability!(o),
    subscribe(sessionId, handlers, subscribeOptions) {
      let closed = false;
      let subscription: { close(): void } | undefined;
      void load().then((a) => {
        if (!closed) subscription = a.chat.subscribe(sessionId, handlers, subscribeOptions);
      });
      return {
        close() {
          closed = true;
          subscription?.close();
        },
      };
    },
  };
  return {
    id: `gateway:${base}`,
    getConfig: async (o) => (await load()).getConfig(o),
    submitFeedback: async (input, o) => (await load()).submitFeedback(input, o),
    requestCallback: async (input, o) => (await load()).requestCallback(input, o),
    getCase: async (reference, o) => (await load()).getCase(reference, o),
    listCases: async (o) => (await load()).listCases(o),
    chat,
  };
}
