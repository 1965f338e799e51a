/**
 * Environment → connectors, in one place. The Common Ground connectors live in their own
 * modules and are loaded only when present and configured:
 *   ./klantinteracties.ts exports `klantinteractiesSink(env)`: CallbackSink | undefined
 *                         and `klantinteractiesChatSink(env)`: ChatContactSink | undefined
 *                         (ended chats as klantcontacten; the same KLANTINTERACTIES_* vars)
 *   ./zaken.ts            exports `zakenCaseSource(env, { gemeenten, gemeenteIds })`: CaseSource | undefined
 *                         and optionally `zgwProxyRoutes(env, { resident, guard, gemeenten, gemeenteIds })`: Hono | undefined
 *                         (`gemeenten`: the `zaken` block of GEMEENTE_CONFIG, zaken per gemeente)
 * Each returns undefined when its env is not set (off by default). Without them the gateway
 * keeps callback requests in its own store and reads cases from the embedded store.
 */
import type { Context, Hono } from 'hono';
import type { ChatContactSink } from '../chat/klantcontact.ts';
import { errorFields, type Logger } from '../runtime.ts';
import { isMultiConfig, type GatewayConfig } from '../tenants.ts';
import type { CallbackSink, CaseSource, ConnectorEnv } from './types.ts';

/** Hooks the ZGW proxy gets from the gateway. */
export interface ZgwProxyHooks {
  resident: (c: Context) => Promise<{ bsn: string } | undefined>;
  guard: (c: Context) => Promise<Response | undefined>;
}

/** What is configured; absent = the embedded store (cases) and local only (callbacks). */
export interface Connectors {
  caseSource?: CaseSource;
  callbackSink?: CallbackSink;
  /** Where ended chats are recorded (a klantcontact with kanaal "chat"); the gateway passes it as `chat.contactSink`. */
  chatContactSink?: ChatContactSink;
  /** The read-only ZGW proxy for the SDK's commonGroundAdapter (mounted at /zgw). */
  zgwProxy?: (hooks: ZgwProxyHooks) => Hono | undefined;
}

type Factory<T> = (env: ConnectorEnv, options?: object) => T | undefined | Promise<T | undefined>;

/** What the zaken connector gets from the configuration file: the zaken of each gemeente (server side only). */
export function zakenOptionsOf(config: GatewayConfig | undefined): { gemeenten?: unknown; gemeenteIds: string[] } {
  if (!isMultiConfig(config)) return { gemeenteIds: ['default'] };
  const ids = config.gemeenten && typeof config.gemeenten === 'object' ? Object.keys(config.gemeenten) : [];
  return { ...(config.zaken !== undefined ? { gemeenten: config.zaken } : {}), gemeenteIds: ids };
}

/** Imports `file` next to this module and returns its `exportName`, or undefined when the file does not exist. */
export async function optionalFactory<T>(file: string, exportName: string): Promise<Factory<T> | undefined> {
  const url = new URL(file, import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as { code?: string; message?: string; url?: string };
    const missing =
      (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') &&
      (e.url === url.href || !!e.message?.includes(file.replace(/^\.\//, '')));
    if (missing) return undefined;
    throw error;
  }
  const factory = mod[exportName];
  if (typeof factory !== 'function') throw new Error(`${file} does not export a function ${exportName}`);
  return factory as Factory<T>;
}

/** `config`: the gateway's configuration (GEMEENTE_CONFIG), for settings per gemeente. */
export async function connectorsFromEnv(
  env: ConnectorEnv,
  deps: { logger: Logger; config?: GatewayConfig },
): Promise<Connectors> {
  const connectors: Connectors = {};

  const sinkFactory = await optionalFactory<CallbackSink>('./klantinteracties.ts', 'klantinteractiesSink');
  const sink = await configure(sinkFactory, env, 'klantinteracties', deps.logger);
  if (sink) connectors.callbackSink = sink;
  const chatSinkFactory = await optionalFactory<ChatContactSink>('./klantinteracties.ts', 'klantinteractiesChatSink');
  const chatSink = await configure(chatSinkFactory, env, 'klantinteracties-chat', deps.logger);
  if (chatSink) connectors.chatContactSink = chatSink;

  const casesFactory = await optionalFactory<CaseSource>('./zaken.ts', 'zakenCaseSource');
  const zaken = zakenOptionsOf(deps.config);
  const cases = await configure(casesFactory, env, 'zaken', deps.logger, zaken);
  if (cases) {
    connectors.caseSource = cases;
    const proxy = await optionalFactory<Hono>('./zaken.ts', 'zgwProxyRoutes').catch(() => undefined);
    if (proxy) {
      connectors.zgwProxy = (hooks) =>
        (proxy as unknown as (env: ConnectorEnv, o: ZgwProxyHooks & typeof zaken) => Hono | undefined)(env, {
          ...hooks,
          ...zaken,
        });
    }
  }

  return connectors;
}

async function configure<T>(
  factory: Factory<T> | undefined,
  env: ConnectorEnv,
  name: string,
  logger: Logger,
  options?: object,
) {
  if (!factory) return undefined;
  try {
    const made = await (options ? factory(env, options) : factory(env));
    if (made) logger.info('connector.enabled', { connector: name });
    return made;
  } catch (error) {
    // A connector that is configured but broken must stop the start: running without it would
    // silently keep requests local or show demo cases.
    logger.error('connector.config_failed', { connector: name, ...errorFields(error) });
    throw error;
  }
}
