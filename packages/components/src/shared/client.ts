import { createClient, type DichtbijClient } from '@dichtbij/sdk/client';
import { lazyGatewayAdapter } from '@dichtbij/sdk/adapters/lazy-gateway';
import type { Locale } from '@dichtbij/sdk/schemas/common';

const clients = new Map<string, DichtbijClient>();

/**
 * One client per API URL per page: every element with the same `api` shares its config
 * cache and outbox, so queued submissions are sent once.
 */
export function clientForApi(api: string, locale: Locale): DichtbijClient {
  let client = clients.get(api);
  if (!client) {
    client = createClient({ adapter: lazyGatewayAdapter({ baseUrl: new URL(api, document.baseURI).href }), locale });
    clients.set(api, client);
  }
  return client;
}
