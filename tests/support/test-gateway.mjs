// A real @dichtbij/gateway for browser and e2e tests: in process, on 127.0.0.1 and a free port,
// with the in-memory store, the demo seed (cases, demo login), CORS for any localhost origin
// and limits high enough for a test suite. Returns { baseUrl, close(), store, received() }.
import { register } from 'tsx/esm/api';

let registered;

/** The gateway's modules are TypeScript: register tsx once in this process. */
function gatewayModule() {
  registered ??= register();
  return import('../../packages/gateway/src/index.ts');
}

const TEST_LIMITS = {
  postsPerIp: { limit: 10_000, windowMs: 60_000 },
  callbacksPerPhone: { limit: 1_000, windowMs: 3_600_000 },
  caseLookupsPerIp: { limit: 10_000, windowMs: 600_000 },
  loginPerIp: { limit: 1_000, windowMs: 900_000 },
};

/** Chats per client IP: every browser test file shares one gateway and one IP (127.0.0.1). */
const TEST_CHAT_LIMITS = {
  messagesPerIp: { limit: 10_000, windowMs: 60_000 },
  startsPerIp: { limit: 10_000, windowMs: 600_000 },
};

/** The staff password of test gateways (the KCC console). */
export const TEST_KCC_PASSWORD = 'dichtbij-test-kcc';

/**
 * @param {object} [options] JSON-able gateway options: config, limits, retentionDays,
 *   referencePrefix, bodyLimit, demo (default true), kccPassword.
 */
export async function startTestGateway(options = {}) {
  const { startGateway, silentLogger, hashPassword, localhostOrigins } = await gatewayModule();
  const { fresh: _fresh, kccPassword = TEST_KCC_PASSWORD, limits, ...rest } = options;
  const running = await startGateway({
    port: 0,
    host: '127.0.0.1',
    demo: true,
    corsOrigins: localhostOrigins,
    logger: silentLogger,
    pgliteImageCache: new URL('../../.tmp/pglite/', import.meta.url).pathname,
    kcc: { passwordHash: await hashPassword(kccPassword, { N: 1024, r: 8, p: 1 }) },
    ...rest,
    limits: { ...TEST_LIMITS, ...limits },
    chat: { ...rest.chat, limits: { ...TEST_CHAT_LIMITS, ...rest.chat?.limits } },
  });
  return {
    baseUrl: running.baseUrl,
    store: running.store,
    gateway: running.gateway,
    close: () => running.close(),
    /** What the backend received, newest first, as plain JSON. */
    async received(limit = 20) {
      const [feedback, callbacks, chatMessages] = await Promise.all([
        running.store.recentFeedback(limit),
        running.store.recentCallbacks(limit),
        // What residents wrote in chats (newest first): session, text and client id.
        running.store.db.query(
          `SELECT session_id AS "sessionId", text, client_id AS "clientId" FROM chat_messages
           WHERE sender = 'resident' ORDER BY at DESC, seq DESC LIMIT $1`,
          [limit],
        ),
      ]);
      return JSON.parse(JSON.stringify({ feedback, callbacks, chatMessages }));
    },
  };
}
