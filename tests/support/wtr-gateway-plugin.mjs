// Starts a real @dichtbij/gateway (embedded store, in memory) on 127.0.0.1 for browser tests
// that need one, on first use, and stops it with the test runner. Tests ask for its URL with
// executeServerCommand('dichtbij-gateway', { fresh?: boolean }).
export function gatewayPlugin() {
  let gateway;
  return {
    name: 'dichtbij-gateway',
    async executeCommand({ command, payload }) {
      if (command !== 'dichtbij-gateway') return undefined;
      if (!gateway || payload?.fresh) {
        await gateway?.close();
        const { startTestGateway } = await import('./test-gateway.mjs');
        gateway = await startTestGateway(payload ?? {});
      }
      return { baseUrl: gateway.baseUrl };
    },
    async serverStop() {
      await gateway?.close();
    },
  };
}
