/**
 * Environment → gateway options, in one place (the CLI uses it; a gemeente embedding the
 * gateway in its own Node process can too). Every variable is documented in the README.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMultiConfig, type GatewayConfig } from './tenants.ts';
import { connectorsFromEnv } from './connectors/index.ts';
import { DEFAULT_LIMITS, type Limits } from './deps.ts';
import { proxyTrust } from './http/proxy.ts';
import type { OidcOptions } from './kcc/oidc.ts';
import type { SurveyOptions } from './kcc/survey-routes.ts';
import { hashPassword, parseHash } from './kcc/password.ts';
import type { Logger } from './runtime.ts';
import type { StartOptions } from './server.ts';

export type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
  return value;
}

function port(env: Env): number {
  const raw = env.PORT?.trim();
  if (!raw) return 8080;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`PORT must be 0–65535 (got "${raw}")`);
  return value;
}

const flag = (env: Env, name: string) => /^(1|true|yes|on)$/i.test(env[name]?.trim() ?? '');

export async function optionsFromEnv(env: Env, logger: Logger): Promise<StartOptions> {
  const options: StartOptions = {
    port: port(env),
    host: env.HOST?.trim() || '127.0.0.1',
    logger,
    demo: flag(env, 'DEMO'),
  };
  if (env.TRUST_PROXY?.trim()) {
    const spec = env.TRUST_PROXY.trim();
    if (proxyTrust(spec).enabled) {
      // a bad entry fails here, at start
      options.trustProxy = /^\d+$/.test(spec) ? Number(spec) : /^(true|yes|on)$/i.test(spec) ? true : spec;
    }
  }
  if (env.DATABASE_URL?.trim()) options.databaseUrl = env.DATABASE_URL.trim();
  else if (env.DICHTBIJ_DATA_DIR?.trim()) options.dataDir = resolve(env.DICHTBIJ_DATA_DIR.trim());
  else logger.warn('store.in_memory', { hint: 'set DICHTBIJ_DATA_DIR or DATABASE_URL to keep data across restarts' });

  if (env.CDN_DIR?.trim()) options.cdnDir = resolve(env.CDN_DIR.trim());
  if (env.CORS_ORIGINS?.trim())
    options.corsOrigins = env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);

  if (env.KCC_PASSWORD_HASH?.trim()) {
    parseHash(env.KCC_PASSWORD_HASH); // fail at start, not at the first login
    options.kcc = { passwordHash: env.KCC_PASSWORD_HASH.trim() };
  } else if (env.KCC_PASSWORD) {
    logger.warn('kcc.plain_password', { hint: 'KCC_PASSWORD is for development; set KCC_PASSWORD_HASH in production' });
    options.kcc = { passwordHash: await hashPassword(env.KCC_PASSWORD) };
  }
  const oidc = oidcFromEnv(env);
  if (oidc) {
    if (options.kcc?.passwordHash)
      logger.warn('kcc.password_ignored', { hint: 'OIDC_ISSUER is set: staff log in there' });
    options.kcc = { oidc };
  }
  // Several gemeenten: the gemeenten the shared password login may see (default: all).
  if (env.KCC_GEMEENTEN?.trim() && options.kcc?.passwordHash) {
    options.kcc = { ...options.kcc, gemeenten: env.KCC_GEMEENTEN.split(',').map((g) => g.trim().toLowerCase()) };
  }
  if (env.COOKIE_SECURE?.trim()) {
    options.kcc = { ...options.kcc, secureCookies: flag(env, 'COOKIE_SECURE') };
  }

  // The survey after a callback (issue 12): the score page, and SMTP to e-mail the link.
  const survey: SurveyOptions = {};
  if (env.SURVEY_PAGE_URL?.trim()) {
    const url = env.SURVEY_PAGE_URL.trim();
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new Error('SURVEY_PAGE_URL must be an http(s) URL');
    survey.pageUrl = url;
  }
  if (env.SMTP_URL?.trim()) {
    const url = env.SMTP_URL.trim();
    if (!/^smtps?:\/\//.test(url) || !URL.canParse(url)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL');
    survey.smtpUrl = url;
    if (env.SMTP_FROM?.trim()) survey.from = env.SMTP_FROM.trim();
  }
  if (Object.keys(survey).length) options.kcc = { ...options.kcc, survey };

  const retentionDays = positiveInt(env, 'RETENTION_DAYS');
  if (retentionDays) options.retentionDays = retentionDays;

  if (env.GEMEENTE_CONFIG?.trim()) {
    const file = resolve(env.GEMEENTE_CONFIG.trim());
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`GEMEENTE_CONFIG: cannot read ${file}`);
    }
    try {
      options.config = JSON.parse(text) as GatewayConfig; // one gemeente or several; validated by createGateway
      // Knowledge files per gemeente are relative to the configuration file.
      const faq = isMultiConfig(options.config) ? options.config.faq : undefined;
      if (faq && typeof faq === 'object') {
        for (const [id, path] of Object.entries(faq)) {
          if (typeof path === 'string' && path.trim()) faq[id] = resolve(dirname(file), path.trim());
        }
      }
    } catch {
      throw new Error(`GEMEENTE_CONFIG: ${file} is not valid JSON`);
    }
  }
  if (env.REFERENCE_PREFIX?.trim()) {
    const prefix = env.REFERENCE_PREFIX.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(prefix)) throw new Error('REFERENCE_PREFIX must be two letters, e.g. TB');
    options.referencePrefix = prefix;
  }

  const limits: Partial<Limits> = {};
  const posts = positiveInt(env, 'RATE_LIMIT_POSTS_PER_MINUTE');
  if (posts) limits.postsPerIp = { limit: posts, windowMs: 60_000 };
  const perPhone = positiveInt(env, 'RATE_LIMIT_CALLBACKS_PER_PHONE_PER_HOUR');
  if (perPhone) limits.callbacksPerPhone = { limit: perPhone, windowMs: 3_600_000 };
  const lookups = positiveInt(env, 'RATE_LIMIT_CASE_LOOKUPS_PER_10_MINUTES');
  if (lookups) limits.caseLookupsPerIp = { limit: lookups, windowMs: DEFAULT_LIMITS.caseLookupsPerIp.windowMs };
  const loginWindowMs = (positiveInt(env, 'KCC_LOGIN_WINDOW_MINUTES') ?? 15) * 60_000;
  const failuresPerIp = positiveInt(env, 'KCC_LOGIN_FAILURES_PER_IP');
  const failuresPerAccount = positiveInt(env, 'KCC_LOGIN_FAILURES_PER_ACCOUNT');
  if (failuresPerIp || env.KCC_LOGIN_WINDOW_MINUTES?.trim())
    limits.loginPerIp = { limit: failuresPerIp ?? DEFAULT_LIMITS.loginPerIp.limit, windowMs: loginWindowMs };
  if (failuresPerAccount || env.KCC_LOGIN_WINDOW_MINUTES?.trim())
    limits.loginPerAccount = {
      limit: failuresPerAccount ?? DEFAULT_LIMITS.loginPerAccount.limit,
      windowMs: loginWindowMs,
    };
  if (Object.keys(limits).length) options.limits = limits;

  const server: NonNullable<StartOptions['server']> = {};
  const seconds = (name: string) => {
    const value = positiveInt(env, name);
    return value === undefined ? undefined : value * 1000;
  };
  const setServer = <K extends keyof typeof server>(key: K, value: (typeof server)[K] | undefined) => {
    if (value !== undefined) server[key] = value;
  };
  setServer('headersTimeoutMs', seconds('HEADERS_TIMEOUT_SECONDS'));
  setServer('requestTimeoutMs', seconds('REQUEST_TIMEOUT_SECONDS'));
  setServer('keepAliveTimeoutMs', seconds('KEEP_ALIVE_TIMEOUT_SECONDS'));
  setServer('maxConnections', positiveInt(env, 'MAX_CONNECTIONS'));
  setServer('maxConnectionsPerIp', positiveInt(env, 'MAX_CONNECTIONS_PER_IP'));
  if (server.headersTimeoutMs && server.requestTimeoutMs && server.headersTimeoutMs > server.requestTimeoutMs)
    throw new Error('HEADERS_TIMEOUT_SECONDS must not be longer than REQUEST_TIMEOUT_SECONDS');
  if (Object.keys(server).length) options.server = server;
  const streams: NonNullable<StartOptions['streams']> = {};
  const maxStreams = positiveInt(env, 'MAX_EVENT_STREAMS');
  if (maxStreams) streams.maxStreams = maxStreams;
  const maxStreamsPerIp = positiveInt(env, 'MAX_EVENT_STREAMS_PER_IP');
  if (maxStreamsPerIp) streams.maxStreamsPerIp = maxStreamsPerIp;
  if (Object.keys(streams).length) options.streams = streams;

  if (env.CHAT_FAQ_FILE?.trim()) options.chat = { faqFile: resolve(env.CHAT_FAQ_FILE.trim()) };

  const connectors = await connectorsFromEnv(env, { logger, ...(options.config ? { config: options.config } : {}) });
  if (connectors.caseSource) options.caseSource = connectors.caseSource;
  if (connectors.callbackSink) options.callbackSink = connectors.callbackSink;
  // Merged into the chat options (CHAT_FAQ_FILE above), not instead of them.
  if (connectors.chatContactSink) options.chat = { ...options.chat, contactSink: connectors.chatContactSink };
  if (connectors.zgwProxy) options.zgwProxy = connectors.zgwProxy;
  return options;
}

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ROLES_CLAIM, OIDC_GEMEENTEN_CLAIM, OIDC_REDIRECT_URL →
 * the console's OpenID Connect login.
 */
export function oidcFromEnv(env: Env): OidcOptions | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be a URL, e.g. https://login.gemeente.nl/realms/kcc (got "${issuer}")`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new Error('OIDC_ISSUER must be https (http only for localhost)');
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  const redirectUrl = env.OIDC_REDIRECT_URL?.trim();
  if (redirectUrl && !/^https?:\/\/[^/]+\/kcc\/auth\/callback$/.test(redirectUrl))
    throw new Error('OIDC_REDIRECT_URL must be the public origin + /kcc/auth/callback');
  const secret = env.OIDC_CLIENT_SECRET?.trim();
  const roles = env.OIDC_ROLES_CLAIM?.trim();
  const gemeenten = env.OIDC_GEMEENTEN_CLAIM?.trim();
  return {
    ...(gemeenten ? { gemeentenClaim: gemeenten } : {}),
    issuer,
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    ...(roles ? { rolesClaim: roles } : {}),
    ...(redirectUrl ? { redirectUrl } : {}),
  };
}
