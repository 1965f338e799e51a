// A slow network for the lazily loaded CDN code, per test page (Playwright, Chromium):
// executeServerCommand('dichtbij-slow-modules', { ms, match? }) delays every later request whose
// URL contains `match` (default '/dist/cdn/dichtbij-chunks/') by `ms` before it is answered;
// { ms: 0 } stops. Each delayed request is counted: the command answers { delayed }.
export function slowModulesPlugin() {
  const routes = new Map(); // session id -> { handler, delayed }
  return {
    name: 'dichtbij-slow-modules',
    async executeCommand({ command, payload, session }) {
      if (command !== 'dichtbij-slow-modules') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) throw new Error('dichtbij-slow-modules needs the Playwright launcher');
      const previous = routes.get(session.id);
      if (previous) await page.unroute(previous.matcher, previous.handler);
      routes.delete(session.id);
      const ms = Number(payload?.ms) || 0;
      if (!ms) return { delayed: previous?.delayed ?? 0 };
      const match = String(payload?.match ?? '/dist/cdn/dichtbij-chunks/');
      const state = {
        delayed: 0,
        matcher: (url) => url.href.includes(match),
        handler: async (route) => {
          state.delayed++;
          await new Promise((r) => setTimeout(r, ms));
          await route.continue().catch(() => undefined);
        },
      };
      routes.set(session.id, state);
      await page.route(state.matcher, state.handler);
      return { delayed: 0 };
    },
  };
}
