/**
 * Chat routes of the Dichtbij API v1 (mounted at /v1/chat):
 *
 *   POST /sessions                    start a chat (the bot greets)            → 201 ChatSession
 *   GET  /sessions/{id}               the chat's state                         → ChatSession | 404
 *   POST /sessions/{id}/messages      {text, clientId}: stored once per clientId; the bot answers → 201 (200 when replayed)
 *   POST /sessions/{id}/agent         ask for a person: queued, or a message left for the KCC
 *   POST /sessions/{id}/end           end the chat (recorded as a klantcontact when configured)
 *   GET  /sessions/{id}/events        server-sent events: `message` (id = seq) and `session`;
 *                                     resumes after `?after=` or `Last-Event-ID`, heartbeat comments
 *   GET  /availability                {enabled, live, agentsOnline, nextLive, text: {nl, en}}
 *
 * Bodies are validated with the SDK's schemas; errors are problem+json. Rate limits live in
 * the database (shared by every instance).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import {
  ChatMessageInputSchema,
  ChatStartInputSchema,
  type GemeenteConfig,
  type HandoffContext,
  type Locale,
} from '@dichtbij/sdk';
import { chatAvailability } from '@dichtbij/sdk/chat-availability';
import { handoffNote, withoutBsn } from '@dichtbij/sdk/chat-text';
import type { GatewayDeps } from '../deps.ts';
import { readJsonBody } from '../http/body.ts';
import { notFoundProblem, problemResponse, problemTypes } from '../http/problem.ts';
import { errorFields } from '../runtime.ts';
import { isUuid, pageKey } from '../store/store.ts';
import { tenantOfRequest, type Tenant } from '../tenants.ts';
import { FaqBot } from './faq.ts';
import { ChatHub, eventStream, PRESENCE_MS } from './hub.ts';
import { recordChatContact, type ChatContactSink } from './klantcontact.ts';
import type { NewMessage, SessionRow } from './store.ts';

export interface ChatRateRule {
  limit: number;
  windowMs: number;
}

/** Settings of the chat; the gateway passes them as `deps.chat` (all optional). */
export interface ChatOptions {
  /** The FAQ bot (default: the illustrative knowledge file in ./faq/default.json). */
  bot?: FaqBot;
  /** Path of the gemeente's knowledge file (used when `bot` is not given). */
  faqFile?: string;
  limits?: {
    /** Messages per chat (bursts). Default 5 per 10 s. */
    messagesPerSession?: ChatRateRule;
    /** Messages per client IP. Default 60 per minute. */
    messagesPerIp?: ChatRateRule;
    /** New chats per client IP. Default 20 per 10 minutes. */
    startsPerIp?: ChatRateRule;
  };
  /** Chats idle longer than this are ended by the retention job (default 12 h). */
  idleMs?: number;
  /** Records an ended chat as a klantcontact (Klantinteracties), when configured. */
  contactSink?: ChatContactSink;
}

export type ChatDeps = GatewayDeps & { chat?: ChatOptions };

export const DEFAULT_CHAT_LIMITS = {
  messagesPerSession: { limit: 5, windowMs: 10_000 },
  messagesPerIp: { limit: 60, windowMs: 60_000 },
  startsPerIp: { limit: 20, windowMs: 10 * 60_000 },
} as const;

const bots = new WeakMap<object, FaqBot>();
const tenantBots = new WeakMap<object, Map<string, FaqBot>>();
/**
 * The bot for these deps (built once); for a gemeente with its own knowledge file
 * (MultiGemeenteConfig.faq), that gemeente's bot.
 */
export function botFor(deps: ChatDeps, tenant?: Pick<Tenant, 'faqFile'>): FaqBot {
  if (tenant?.faqFile) {
    let byFile = tenantBots.get(deps);
    if (!byFile) tenantBots.set(deps, (byFile = new Map()));
    let own = byFile.get(tenant.faqFile);
    if (!own) {
      own = FaqBot.fromFile(tenant.faqFile);
      byFile.set(tenant.faqFile, own);
    }
    return own;
  }
  const given = deps.chat?.bot;
  if (given) return given;
  let bot = bots.get(deps);
  if (!bot) {
    bot = FaqBot.fromFile(deps.chat?.faqFile);
    bots.set(deps, bot);
  }
  return bot;
}

/** Availability now, with the agents present in the database. */
export async function availability(deps: ChatDeps, locale: Locale, config: GemeenteConfig = deps.config) {
  const hub = ChatHub.for(deps);
  const agents = await hub.chats.agentsOnline(PRESENCE_MS);
  return chatAvailability(config, deps.clock.now(), locale, agents);
}

const notFound = () => notFoundProblem('This chat does not exist (any more). Start a new one.');
const ended = () =>
  problemResponse(409, {
    type: 'urn:dichtbij:problem:chat-ended',
    title: 'Gesprek beëindigd / Chat ended',
    detail: 'This chat has ended. Start a new one.',
  });

export function chatRoutes(deps: GatewayDeps): Hono {
  const chatDeps = deps as ChatDeps;
  const hub = ChatHub.for(deps);
  const app = new Hono();
  const limits = () => ({ ...DEFAULT_CHAT_LIMITS, ...chatDeps.chat?.limits });
  // A gemeente's own knowledge file is read at start, so a wrong one stops the gateway there.
  for (const id of deps.tenants.ids) botFor(chatDeps, deps.tenants.get(id));

  // /v1/config says how many agents are present now.
  deps.extendConfig(async (config) => ({
    ...config,
    chat: { ...config.chat, agentsOnline: await hub.chats.agentsOnline(PRESENCE_MS) },
  }));
  // Retention: transcripts go with the other personal data; abandoned chats are ended.
  // A chat ended this way is recorded as a klantcontact too (when the resident wrote something).
  deps.store.addRetentionTask(async ({ db, cutoff, now }) => {
    const sink = !!chatDeps.chat?.contactSink;
    const result = await hub.chats.retention(db, cutoff, now, chatDeps.chat?.idleMs ?? 12 * 3_600_000, sink);
    for (const id of result.ended) await hub.notify(id, 'session');
    for (const id of result.record) {
      const session = await hub.chats.getSession(id, db);
      if (session) afterEnd(chatDeps, hub, session);
    }
    return result.deleted + result.ended.length;
  });

  const limited = async (bucket: string, subject: string, rule: ChatRateRule) => {
    const decision = await deps.rateLimit.hit(bucket, subject, rule);
    return decision.ok ? undefined : deps.rateLimit.tooMany(decision.retryAfter);
  };
  const json = (c: Context, body: unknown, status: 200 | 201 = 200) =>
    c.json(body as object, status, { 'Cache-Control': 'no-store' });

  // Another gemeente's chat does not exist for this request (several gemeenten in one gateway).
  const sameGemeente: MiddlewareHandler = async (c, next) => {
    const id = c.req.param('id') ?? '';
    const [row] = isUuid(id)
      ? await deps.store.db.query<{ gemeente: string }>('SELECT gemeente FROM chat_sessions WHERE id = $1', [id])
      : [];
    if (row && row.gemeente !== tenantOfRequest(c, deps.tenants).id) return notFound();
    await next();
  };
  // `/sessions/:id/*` matches `/sessions/:id` itself too.
  app.use('/sessions/:id/*', sameGemeente);

  app.get('/availability', async (c) => {
    const [nl, en] = await Promise.all([availability(chatDeps, 'nl'), availability(chatDeps, 'en')]);
    return c.json(
      {
        enabled: nl.enabled,
        live: nl.live,
        agentsOnline: nl.agentsOnline,
        nextLive: nl.nextLive ?? null,
        text: { nl: nl.text, en: en.text },
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.post('/sessions', async (c) => {
    const tooMany = await limited('chat-start', deps.rateLimit.ip(c), limits().startsPerIp);
    if (tooMany) return tooMany;
    const body = await readJsonBody(c, ChatStartInputSchema, deps.bodyLimit);
    if (!body.ok) return body.response;
    const tenant = tenantOfRequest(c, deps.tenants);
    if (!tenant.config.chat.enabled) {
      return problemResponse(503, {
        type: problemTypes.unavailable,
        title: 'Chat niet beschikbaar / Chat not available',
        detail: 'This gemeente has no chat.',
      });
    }
    const { locale, context } = body.data;
    const page = body.data.page ?? context?.page;
    const greeting: NewMessage = { from: 'bot', ...botFor(chatDeps, tenant).greeting(locale, tenant.config.name) };
    // A warm hand-off (e.g. from feedback): kept on the session for the KCC and the klantcontact,
    // and shown as the chat's first message, so nobody has to ask again.
    const handoff = context ? handoffOf(context) : undefined;
    const note = handoffNote(handoff ?? undefined, locale);
    const { session } = await hub.chats.createSession(
      {
        locale,
        ...(page ? { page: { url: pageKey(page.url), ...(page.title ? { title: page.title } : {}) } } : {}),
        ...(handoff ? { handoff } : {}),
        gemeente: tenant.id,
      },
      note ? [{ from: 'system', text: note }, greeting] : [greeting],
    );
    deps.logger.info('chat.started', { locale, ...(handoff?.source ? { handoff: handoff.source } : {}) });
    return json(c, await hub.api(session), 201);
  });

  app.get('/sessions/:id', async (c) => {
    const session = await hub.chats.getSession(c.req.param('id'));
    return session ? json(c, await hub.api(session)) : notFound();
  });

  app.post('/sessions/:id/messages', async (c) => {
    const id = c.req.param('id');
    const ipLimited = await limited('chat-msg-ip', deps.rateLimit.ip(c), limits().messagesPerIp);
    if (ipLimited) return ipLimited;
    const body = await readJsonBody(c, ChatMessageInputSchema, deps.bodyLimit);
    if (!body.ok) return body.response;
    const session = await hub.chats.getSession(id);
    if (!session) return notFound();
    // A retried send (same clientId) is answered from the store and not counted again.
    const existing = await hub.chats.byClientId(id, body.data.clientId);
    if (existing) return json(c, existing, 200);
    const tooMany = await limited('chat-msg', id, limits().messagesPerSession);
    if (tooMany) return tooMany;
    const result = await hub.chats.append(id, { from: 'resident', text: body.data.text, clientId: body.data.clientId });
    if (!result.ok) return result.reason === 'ended' ? ended() : notFound();
    if (result.created && result.session.state === 'bot') await answer(result.session, body.data.text);
    await hub.notify(id, 'message');
    return json(c, result.message, result.created ? 201 : 200);
  });

  /** The bot's answer, stored as the next message. */
  async function answer(session: SessionRow, text: string) {
    const locale = session.locale === 'en' ? 'en' : 'nl';
    // The chat's own gemeente: its knowledge file, phone number, opening hours and name.
    const tenant = deps.tenants.get(session.gemeente ?? 'default') ?? deps.tenants.default;
    let hours = '';
    try {
      hours = tenant.hours.describe(deps.clock.now(), locale);
    } catch {
      hours = '';
    }
    const reply = botFor(chatDeps, tenant).answer(text, locale, {
      phone: tenant.config.phone,
      openingHours: hours,
      gemeente: tenant.config.name,
    });
    deps.logger.info('chat.bot_answer', {
      kind: reply.kind,
      ...(reply.kind === 'answer' ? { topic: reply.topic.id } : {}),
    });
    await hub.chats.append(session.id, {
      from: 'bot',
      text: reply.text,
      ...(reply.kind === 'answer' && reply.links.length ? { links: reply.links } : {}),
      ...(reply.kind === 'answer' && reply.lang ? { lang: reply.lang } : {}),
      quickReplies: reply.quickReplies,
    });
  }

  app.post('/sessions/:id/agent', async (c) => {
    const id = c.req.param('id');
    const session = await hub.chats.getSession(id);
    if (!session) return notFound();
    if (session.state === 'ended') return ended();
    if (session.state !== 'bot') return json(c, await hub.api(session));
    const now = await availability(chatDeps, session.locale === 'en' ? 'en' : 'nl');
    const updated = await hub.chats.requestAgent(id, now.live);
    if (!updated) return notFound();
    deps.logger.info('chat.agent_requested', { live: now.live });
    await hub.notify(id, 'queue');
    return json(c, await hub.api(updated));
  });

  app.post('/sessions/:id/end', async (c) => {
    const id = c.req.param('id');
    const result = await hub.chats.end(id, 'resident', !!chatDeps.chat?.contactSink);
    if (!result) return notFound();
    if (result.changed) {
      deps.logger.info('chat.ended', { by: 'resident' });
      await hub.notify(id, 'queue');
      afterEnd(chatDeps, hub, result.session);
    }
    return json(c, await hub.api(result.session));
  });

  app.get('/sessions/:id/events', async (c) => {
    const id = c.req.param('id');
    const session = await hub.chats.getSession(id);
    if (!session) return notFound();
    const after = Math.max(seqOf(c.req.query('after')), seqOf(c.req.header('last-event-id')));
    const slot = deps.streams.acquire(deps.rateLimit.ip(c));
    if (!slot.ok) return slot.response;
    return eventStream(
      c.req.raw.signal,
      (stream) => {
        let unsubscribe: (() => void) | undefined;
        let closed = false;
        void hub.subscribe(id, stream, after).then((fn) => {
          if (closed) fn();
          else unsubscribe = fn;
        });
        return () => {
          closed = true;
          unsubscribe?.();
        };
      },
      slot.release,
    );
  });

  return app;
}

/** What the session keeps of a hand-off: BSNs removed from free text, the page without query or fragment. */
function handoffOf(context: HandoffContext): SessionRow['handoff'] {
  const clean = (value: string | undefined) => (value?.trim() ? withoutBsn(value.trim()) : undefined);
  const out: NonNullable<SessionRow['handoff']> = {};
  if (context.source) out.source = context.source;
  if (context.page)
    out.page = { url: pageKey(context.page.url), ...(context.page.title ? { title: context.page.title } : {}) };
  const topic = clean(context.topic);
  if (topic) out.topic = topic;
  const summary = clean(context.summary);
  if (summary) out.summary = summary;
  const caseReference = clean(context.caseReference);
  if (caseReference) out.caseReference = caseReference;
  const caseTitle = clean(context.caseTitle);
  if (caseTitle) out.caseTitle = caseTitle;
  return Object.keys(out).length ? out : null;
}

/** A seq from a query or Last-Event-ID: an integer ≥ -1, else -1 (from the start). */
export function seqOf(value: string | undefined | null): number {
  if (!value || !/^-?\d{1,9}$/.test(value.trim())) return -1;
  return Math.max(-1, Number(value.trim()));
}

/** After a chat ended: record it as a klantcontact when a sink is configured (in the background). */
export function afterEnd(deps: ChatDeps, hub: ChatHub, session: SessionRow): void {
  const sink = deps.chat?.contactSink;
  if (!sink) return;
  void recordChatContact(hub.chats, sink, session, deps.logger).catch((error: unknown) =>
    deps.logger.error('chat.klantcontact_failed', errorFields(error)),
  );
}
