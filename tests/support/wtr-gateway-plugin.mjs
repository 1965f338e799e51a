// Starts a real @dichtbij/gateway (embedded store, in memory) on 127.0.0.1 for browser tests
// that need one, on first use, and stops it with the test runner. Tests ask for its URL with
// executeServerCommand('dichtbij-gateway', { fresh?: boolean, ...gateway options }) and for what
// it stored with executeServerCommand('dichtbij-gateway-received', { limit? }) →
// { feedback: [...], callbacks: [...], chatMessages: [...] } (newest first; the store's rows as JSON).
//
// Real network conditions for the test's page (Playwright, Chromium):
// - executeServerCommand('dichtbij-network', { offline: true, forMs }): the browser context goes
//   offline (navigator.onLine false, every request fails) and back online after `forMs` by itself
//   (offline cuts the page's own link to the test runner too: do not await the call; wait for
//   navigator.onLine instead); { offline: false } goes online at once;
// - executeServerCommand('dichtbij-fault', { path, status, method?, body? }): requests to the gateway
//   whose path starts with `path` (and of `method`, if given; CORS preflights never) are answered with `status` (problem+json) until
//   executeServerCommand('dichtbij-fault', { clear: true }); answers { hits } (how many were answered).
//
// A second gateway of its own, for tests that need another configuration (e.g. several gemeenten)
// without restarting the shared one under other test files: executeServerCommand(
// 'dichtbij-gateway-named', { name, ...gateway options }) → { baseUrl } (started once per name),
// and 'dichtbij-gateway-received' with { name } for what it stored.
export function gatewayPlugin() {
  let gateway;
  /** Named gateways (dichtbij-gateway-named), started on first use. */
  const named = new Map();
  /** The current fault per page: { handler, hits }. */
  const faults = new Map();
  const networkTimers = new Map();
  const pageOf = (session) => session.browser.getPage?.(session.id);
  return {
    name: 'dichtbij-gateway',
    async executeCommand({ command, payload, session }) {
      if (command === 'dichtbij-network') {
        const page = pageOf(session);
        if (!page) throw new Error('dichtbij-network needs the Playwright launcher');
        // Offline also cuts the page's link to the test runner: `forMs` brings it back by itself.
        clearTimeout(networkTimers.get(session.id));
        await page.context().setOffline(!!payload?.offline);
        if (payload?.offline && payload.forMs) {
          networkTimers.set(
            session.id,
            setTimeout(
              () =>
                void page
                  .context()
                  .setOffline(false)
                  .catch(() => undefined),
              payload.forMs,
            ),
          );
        }
        return { offline: !!payload?.offline };
      }
      if (command === 'dichtbij-fault') {
        const page = pageOf(session);
        if (!page) throw new Error('dichtbij-fault needs the Playwright launcher');
        const current = faults.get(session.id);
        if (current) await page.unroute('**/v1/**', current.handler);
        faults.delete(session.id);
        if (payload?.clear) return { hits: current?.hits ?? 0 };
        const fault = { hits: 0, handler: undefined };
        fault.handler = async (route) => {
          const url = new URL(route.request().url());
          const ours = gateway && url.origin === new URL(gateway.baseUrl).origin;
          const method = route.request().method();
          const wanted = payload.method ? method === payload.method : method !== 'OPTIONS';
          if (!ours || !url.pathname.startsWith(payload.path) || !wanted) {
            return route.fallback();
          }
          fault.hits++;
          return route.fulfill({
            status: payload.status,
            contentType: 'application/problem+json',
            headers: { 'access-control-allow-origin': '*' },
            body: JSON.stringify(payload.body ?? { title: `Status ${payload.status}`, status: payload.status }),
          });
        };
        faults.set(session.id, fault);
        await page.route('**/v1/**', fault.handler);
        return { hits: 0 };
      }
      if (command === 'dichtbij-gateway') {
        if (!gateway || payload?.fresh) {
          await gateway?.close();
          const { startTestGateway } = await import('./test-gateway.mjs');
          gateway = await startTestGateway(payload ?? {});
        }
        return { baseUrl: gateway.baseUrl };
      }
      if (command === 'dichtbij-gateway-named') {
        const { name, ...options } = payload ?? {};
        if (!name) throw new Error('dichtbij-gateway-named needs a name');
        if (!named.has(name)) {
          const { startTestGateway } = await import('./test-gateway.mjs');
          named.set(name, startTestGateway(options));
        }
        return { baseUrl: (await named.get(name)).baseUrl };
      }
      if (command === 'dichtbij-gateway-received') {
        const which = payload?.name ? await named.get(payload.name) : gateway;
        if (!which) return { feedback: [], callbacks: [], chatMessages: [] };
        return which.received(payload?.limit ?? 20);
      }
      return undefined;
    },
    async serverStop() {
      await gateway?.close();
      for (const running of named.values()) await (await running).close();
    },
  };
}
