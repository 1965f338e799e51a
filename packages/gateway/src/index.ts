export { createGateway, type AuthHook, type Gateway, type GatewayOptions } from './app.ts';
export { startGateway, type RunningGateway, type StartOptions } from './server.ts';
export { optionsFromEnv } from './env.ts';
export { Store, type StoredCallback, type StoredFeedback, type CallbackStatus } from './store/store.ts';
export type { Db, Queryable } from './store/db.ts';
export type { CallbackRecord, CallbackSink, CaseRecord, CaseSource, ConnectorEnv } from './connectors/types.ts';
export { DEMO_BSN } from './connectors/embedded.ts';
export type { GatewayDeps, Limits } from './deps.ts';
export { hashPassword, verifyPassword } from './kcc/password.ts';
export { jsonLogger, silentLogger, type Clock, type Logger } from './runtime.ts';
export { localhostOrigins, originPolicy } from './http/security.ts';
export { openApiDocument } from './routes/openapi.ts';
/** The gateway's Hono, for connector modules that add routes (e.g. a ZGW proxy). */
export { Hono } from 'hono';
export type { ZgwProxyHooks } from './connectors/index.ts';
