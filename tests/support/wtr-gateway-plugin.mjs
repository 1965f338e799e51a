// Starts a real @dichtbij/gateway (embedded store, in memory) on 127.0.0.1 for browser tests
// that need one, on first use, and stops it with the test runner. Tests ask for its URL with
// executeServerCommand('dichtbij-gateway', { fresh?: boolean, ...gateway options }) and for what
// it stored with executeServerCommand('dichtbij-gateway-received', { limit? }) →
// { feedback: [...], callbacks: [...] } (newest first; the store's rows as JSON).
export function gatewayPlugin() {
  let gateway;
  return {
    name: 'dichtbij-gateway',
    async executeCommand({ command, payload }) {
      if (command === 'dichtbij-gateway') {
        if (!gateway || payload?.fresh) {
          await gateway?.close();
          const { startTestGateway } = await import('./test-gateway.mjs');
          gateway = await startTestGateway(payload ?? {});
        }
        return { baseUrl: gateway.baseUrl };
      }
      if (command === 'dichtbij-gateway-received') {
        if (!gateway) return { feedback: [], callbacks: [] };
        return gateway.received(payload?.limit ?? 20);
      }
      return undefined;
    },
    async serverStop() {
      await gateway?.close();
    },
  };
}
