/**
 * The live-chat part of the KCC console (mounted at /kcc/chat, behind the staff login; POSTs
 * are CSRF-checked before they get here). Server-rendered and usable without script; the
 * console script (assets/console.js, same origin, allowed by the console's CSP) adds live
 * updates over server-sent events.
 *
 *   GET  /                     the queue, "my chats" and left messages (or: choose the name residents see)
 *   POST /name                 the agent's name
 *   GET  /events               the agent's stream: presence (heartbeat) + "changed" nudges
 *   GET  /{id}                 one chat: page context, transcript, reply box
 *   GET  /{id}/events          the chat's messages and state, live (SSE, as for the resident)
 *   POST /{id}/join            take the chat (a system message tells the resident)
 *   POST /{id}/messages        reply (form field or JSON `text`)
 *   POST /{id}/end             end the chat
 *   POST /{id}/handled         a left message was dealt with
 *
 * An agent is one staff session (the id is a pseudonym of its CSRF token): present while a
 * console page is open, which drives the chat's availability for residents.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { headerName, visibleGemeenten } from '../kcc/gemeenten.ts';
import type { ChatMessage } from '@dichtbij/sdk';
import { handoffNote } from '@dichtbij/sdk/chat-text';
import { codePointLength, normalizeText } from '@dichtbij/sdk/text';
import type { GatewayDeps } from '../deps.ts';
import { html, renderPage, safeHref, type SafeHtml } from '../kcc/html.ts';
import type { KccEnv } from '../kcc/routes.ts';
import { ChatHub, eventStream } from './hub.ts';
import { afterEnd, seqOf, type ChatDeps } from './routes.ts';
import { isChatId, type SessionRow } from './store.ts';

const CONSOLE_JS = readFileSync(new URL('./assets/console.js', import.meta.url), 'utf8');
const CHAT_CSS = readFileSync(new URL('./assets/chat.css', import.meta.url), 'utf8');
const MAX_REPLY = 2000;
const NAME = /^[\p{L}][\p{L} .'-]{0,39}$/u;

const TZ = 'Europe/Amsterdam';
const clock = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' });
const STATE_LABELS: Record<SessionRow['state'], string> = {
  bot: 'Met de chatbot',
  queued: 'Wacht op een medewerker',
  live: 'In gesprek',
  ended: 'Beëindigd',
};
const WHO: Record<ChatMessage['from'], string> = {
  resident: 'Inwoner',
  bot: 'Chatbot',
  agent: 'Medewerker',
  system: 'Melding',
};

function waited(from: Date | null, now: Date): string {
  if (!from) return '';
  const min = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  return min < 1 ? 'minder dan een minuut' : min === 1 ? '1 minuut' : `${min} minuten`;
}

function messageView(m: ChatMessage): SafeHtml {
  const who = m.from === 'agent' && m.agentName ? `${m.agentName} (medewerker)` : WHO[m.from];
  return html`<li class="chat-msg chat-msg--${m.from}" data-seq="${m.seq}">
    <p class="chat-who">${who} <time datetime="${m.at}">${clock.format(new Date(m.at))}</time></p>
    <p class="text">${m.text}</p>
    ${
      m.links?.length
        ? html`<ul class="chat-links">
            ${m.links.map((l) => {
              const href = safeHref(l.url);
              return html`<li>
                ${href ? html`<a href="${href}" rel="noopener noreferrer">${l.title}</a>` : l.title}
              </li>`;
            })}
          </ul>`
        : ''
    }
  </li>`;
}

export function kccChatRoutes(deps: GatewayDeps): Hono<KccEnv> {
  const chatDeps = deps as ChatDeps;
  const hub = ChatHub.for(deps);
  const chats = hub.chats;
  const app = new Hono<KccEnv>();

  const agentId = (c: Context<KccEnv>) => deps.store.pseudonym(`kcc-agent:${c.get('staff').csrf}`);
  const page = (c: Context<KccEnv>, title: string, body: SafeHtml, status = 200) =>
    c.html(
      renderPage({
        title,
        active: '/kcc/chat',
        gemeente: headerName(deps.tenants, c.get('staff').gemeenten),
        csrf: c.get('staff').csrf,
        body: html`<link rel="stylesheet" href="/kcc/chat/assets/chat.css" />${body}
          <script src="/kcc/chat/assets/console.js" defer></script>`,
      }),
      status as 200,
    );
  const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');
  /** Form field or JSON body, at most 8 kB. */
  const field = async (c: Context<KccEnv>, name: string): Promise<string | undefined> => {
    const form = c.get('form');
    if (form) return form.get(name) ?? undefined;
    const type = c.req.header('content-type') ?? '';
    try {
      if (type.startsWith('application/json')) {
        const text = await c.req.text();
        if (text.length > 8192) return undefined;
        const value = (JSON.parse(text) as Record<string, unknown>)[name];
        return typeof value === 'string' ? value : undefined;
      }
      if (type.startsWith('application/x-www-form-urlencoded')) {
        const text = await c.req.text();
        if (text.length > 8192) return undefined;
        return new URLSearchParams(text).get(name) ?? undefined;
      }
    } catch {
      return undefined;
    }
    return undefined;
  };

  app.get('/assets/console.js', (c) =>
    c.body(CONSOLE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/assets/chat.css', (c) =>
    c.body(CHAT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );

  const listsView = async (c: Context<KccEnv>) => {
    const me = agentId(c);
    const { queue, mine, left } = await chats.consoleLists(me, c.get('staff').gemeenten);
    const questions = await chats.firstQuestions([...queue, ...mine, ...left].map((s) => s.id));
    const now = deps.clock.now();
    // Staff of several gemeenten see each chat's gemeente, in text.
    const manyGemeenten = deps.tenants.multi && visibleGemeenten(deps.tenants, c.get('staff').gemeenten).length > 1;
    const card = (s: SessionRow, extra: SafeHtml | string = '') =>
      html`<li class="card">
        <h3><a href="/kcc/chat/${s.id}">${questions.get(s.id)?.slice(0, 120) ?? 'Chat zonder vraag'}</a></h3>
        <dl class="facts">
          ${
            manyGemeenten
              ? html`<dt>Gemeente</dt>
                  <dd>${deps.tenants.name(s.gemeente ?? 'default')}</dd>`
              : ''
          }
          <dt>Status</dt>
          <dd>${STATE_LABELS[s.state]}${s.state === 'queued' ? ` (wacht ${waited(s.requestedAt, now)})` : ''}</dd>
          <dt>Pagina</dt>
          <dd>${s.pageTitle ?? s.pageUrl ?? '–'}</dd>
          <dt>Begonnen</dt>
          <dd>${dateTime.format(s.createdAt)}</dd>
        </dl>
        ${extra}
      </li>`;
    const joinForm = (s: SessionRow) =>
      html`<form method="post" action="/kcc/chat/${s.id}/join" class="actions">
        <input type="hidden" name="csrf" value="${c.get('staff').csrf}" />
        <button type="submit">Aannemen</button>
      </form>`;
    return html`<div id="lists" data-queue="${queue.length}">
      <h2>Wachtrij (${queue.length})</h2>
      ${
        queue.length
          ? html`<ol class="queue">
              ${queue.map((s) => card(s, joinForm(s)))}
            </ol>`
          : html`<p class="muted">Er wacht nu niemand.</p>`
      }
      <h2>Mijn gesprekken (${mine.length})</h2>
      ${
        mine.length
          ? html`<ul class="queue">
              ${mine.map((s) => card(s))}
            </ul>`
          : html`<p class="muted">U heeft geen open gesprekken.</p>`
      }
      <h2>Achtergelaten berichten (${left.length})</h2>
      ${
        left.length
          ? html`<ul class="queue">
              ${left.map((s) => card(s))}
            </ul>`
          : html`<p class="muted">Er zijn geen berichten om op te pakken.</p>`
      }
    </div>`;
  };

  app.get('/', async (c) => {
    const me = await chats.agent(agentId(c));
    if (!me) return page(c, 'Live chat', nameForm(c.get('staff').csrf));
    const lists = await listsView(c);
    if (c.req.query('fragment') === 'lists') return c.html(lists.value);
    const available = await chats.agentsOnline(45_000);
    return page(
      c,
      'Live chat',
      html`<h1>Live chat</h1>
        <div id="chat-console" data-events="/kcc/chat/events" data-lists="/kcc/chat?fragment=lists">
          <p>
            U bent online als <strong>${me.name}</strong>. Zolang deze pagina open is, kunnen inwoners met u chatten.
          </p>
          <p class="muted">Medewerkers online: ${available}.</p>
          <p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
          ${lists}
        </div>`,
    );
  });

  app.post('/name', async (c) => {
    const name = (await field(c, 'name'))?.trim() ?? '';
    if (!NAME.test(name)) {
      return page(
        c,
        'Live chat',
        nameForm(c.get('staff').csrf, 'Vul een voornaam in (alleen letters, maximaal 40 tekens).'),
        400,
      );
    }
    await chats.setAgentName(agentId(c), name, false);
    return c.redirect('/kcc/chat', 303);
  });

  app.get('/events', (c) => {
    const id = agentId(c);
    const slot = deps.streams.acquire(deps.rateLimit.ip(c));
    if (!slot.ok) return slot.response;
    return eventStream(
      c.req.raw.signal,
      (stream) => {
        let remove: (() => void) | undefined;
        let closed = false;
        void hub.addAgent(id, stream).then((fn) => (closed ? fn() : (remove = fn)));
        return () => {
          closed = true;
          remove?.();
        };
      },
      slot.release,
    );
  });

  // A chat of a gemeente outside the staff member's gemeenten does not exist for them.
  const inScope: MiddlewareHandler<KccEnv> = async (c, next) => {
    const scope = c.get('staff').gemeenten;
    const id = c.req.param('id') ?? '';
    if (scope && isChatId(id)) {
      const [row] = await deps.store.db.query<{ gemeente: string }>(
        'SELECT gemeente FROM chat_sessions WHERE id = $1',
        [id],
      );
      if (row && !scope.includes(row.gemeente)) return c.text('Deze chat bestaat niet (meer).', 404);
    }
    await next();
  };
  // `/:id/*` matches `/:id` itself too.
  app.use('/:id/*', inScope);

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const session = await chats.getSession(id);
    if (!session) return c.text('Deze chat bestaat niet (meer).', 404);
    const me = await chats.agent(agentId(c));
    const messages = await chats.transcript(id);
    const mine = session.state === 'live' && session.agentId === agentId(c);
    const csrf = c.get('staff').csrf;
    const last = messages.at(-1)?.seq ?? -1;
    const done = c.req.query('done');
    const body = html`<p><a href="/kcc/chat">← Terug naar de wachtrij</a></p>
      <h1>Chat</h1>
      ${done === 'taken' ? html`<p class="warning" role="alert">Een collega heeft deze chat al aangenomen.</p>` : ''}
      <div
        id="chat-view"
        data-events="/kcc/chat/${id}/events?after=${last}"
        data-post="/kcc/chat/${id}/messages"
        data-csrf="${csrf}"
      >
        <dl class="facts">
          <dt>Status</dt>
          <dd id="chat-state">${STATE_LABELS[session.state]}${session.agentName ? ` — ${session.agentName}` : ''}</dd>
          <dt>Pagina</dt>
          <dd>
            ${
              session.pageUrl
                ? html`<a href="${safeHref(session.pageUrl) ?? '#'}" rel="noopener noreferrer"
                    >${session.pageTitle ?? session.pageUrl}</a
                  >`
                : '–'
            }
          </dd>
          ${
            session.handoff
              ? html`<dt>Doorgestuurd</dt>
                  <dd id="chat-handoff">${handoffNote(session.handoff, 'nl')}</dd>`
              : ''
          }
          <dt>Taal</dt>
          <dd>${session.locale === 'en' ? 'Engels' : 'Nederlands'}</dd>
          <dt>Begonnen</dt>
          <dd>${dateTime.format(session.createdAt)}</dd>
          ${
            session.requestedAt
              ? html`<dt>Vroeg om medewerker</dt>
                  <dd>
                    ${dateTime.format(session.requestedAt)}${session.liveQueue ? '' : ' (buiten openingstijd of niemand online: bericht achtergelaten)'}
                  </dd>`
              : ''
          }
          ${
            session.syncStatus !== 'local'
              ? html`<dt>Klantcontact</dt>
                  <dd>
                    ${{ pending: 'Wordt vastgelegd', synced: 'Vastgelegd', sync_failed: 'Vastleggen mislukt', local: '' }[session.syncStatus]}
                  </dd>`
              : ''
          }
        </dl>
        <h2 id="transcript-title">Gesprek</h2>
        <div class="chat-transcript" role="log" aria-live="polite" aria-labelledby="transcript-title">
          <ol id="transcript">
            ${messages.map(messageView)}
          </ol>
        </div>
        ${
          mine
            ? html`<form method="post" action="/kcc/chat/${id}/messages" id="reply" class="chat-reply">
                <input type="hidden" name="csrf" value="${csrf}" />
                <label for="reply-text">Uw antwoord${me ? ` (als ${me.name})` : ''}</label>
                <textarea id="reply-text" name="text" rows="3" maxlength="${MAX_REPLY}" required></textarea>
                <p id="reply-error" class="error" role="alert" hidden></p>
                <button type="submit">Versturen</button>
              </form>`
            : ''
        }
        <div class="actions">
          ${
            session.state === 'bot' || session.state === 'queued' || (session.state === 'ended' && !session.joinedAt)
              ? session.state === 'ended'
                ? ''
                : html`<form method="post" action="/kcc/chat/${id}/join">
                    <input type="hidden" name="csrf" value="${csrf}" /><button type="submit">Aannemen</button>
                  </form>`
              : ''
          }
          ${
            mine
              ? html`<form method="post" action="/kcc/chat/${id}/end">
                  <input type="hidden" name="csrf" value="${csrf}" /><button type="submit" class="secondary">
                    Gesprek beëindigen
                  </button>
                </form>`
              : ''
          }
          ${
            session.requestedAt && !session.joinedAt && !session.handledAt
              ? html`<form method="post" action="/kcc/chat/${id}/handled">
                  <input type="hidden" name="csrf" value="${csrf}" /><button type="submit" class="secondary">
                    Afgehandeld
                  </button>
                </form>`
              : ''
          }
        </div>
      </div>`;
    return page(c, 'Chat', body);
  });

  app.get('/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!(await chats.getSession(id))) return c.text('Not found', 404);
    const after = Math.max(seqOf(c.req.query('after')), seqOf(c.req.header('last-event-id')));
    const agent = agentId(c);
    const slot = deps.streams.acquire(deps.rateLimit.ip(c));
    if (!slot.ok) return slot.response;
    return eventStream(
      c.req.raw.signal,
      (stream) => {
        const cleanups: (() => void)[] = [];
        let closed = false;
        void Promise.all([hub.subscribe(id, stream, after), hub.addAgent(agent, stream)]).then((fns) =>
          closed ? fns.forEach((f) => f()) : cleanups.push(...fns),
        );
        return () => {
          closed = true;
          cleanups.forEach((f) => f());
        };
      },
      slot.release,
    );
  });

  app.post('/:id/join', async (c) => {
    const id = c.req.param('id');
    if (!isChatId(id)) return c.text('Not found', 404);
    const me = await chats.agent(agentId(c));
    if (!me) return c.redirect('/kcc/chat', 303);
    const joined = await chats.join(id, me);
    if (!joined) return c.redirect(`/kcc/chat/${id}?done=taken`, 303);
    await chats.append(id, {
      from: 'system',
      text:
        joined.locale === 'en' ? `${me.name} is taking over the conversation.` : `${me.name} neemt het gesprek over.`,
    });
    deps.logger.info('chat.agent_joined');
    await hub.notify(id, 'message');
    await hub.notify(id, 'queue');
    return c.redirect(`/kcc/chat/${id}`, 303);
  });

  app.post('/:id/messages', async (c) => {
    const id = c.req.param('id');
    // Normalised as the residents' text is (pasted text may hold a NUL or half an emoji).
    const text = normalizeText((await field(c, 'text')) ?? '').trim();
    const session = await chats.getSession(id);
    if (!session) return c.text('Not found', 404);
    const me = await chats.agent(agentId(c));
    const fail = (message: string, status: 400 | 409) =>
      wantsJson(c) ? c.json({ error: message }, status) : c.text(message, status);
    if (!me || session.state !== 'live' || session.agentId !== agentId(c))
      return fail('U bent niet in gesprek in deze chat.', 409);
    if (!text || codePointLength(text) > MAX_REPLY) return fail(`Typ een antwoord van 1 tot ${MAX_REPLY} tekens.`, 400);
    const result = await chats.append(id, { from: 'agent', text, agentName: me.name });
    if (!result.ok) return fail('Deze chat is beëindigd.', 409);
    await hub.notify(id, 'message');
    return wantsJson(c) ? c.json(result.message, 201) : c.redirect(`/kcc/chat/${id}`, 303);
  });

  app.post('/:id/end', async (c) => {
    const id = c.req.param('id');
    const session = await chats.getSession(id);
    if (!session) return c.text('Not found', 404);
    if (session.agentId !== agentId(c)) return c.text('U bent niet in gesprek in deze chat.', 409);
    const result = await chats.end(id, 'agent', !!chatDeps.chat?.contactSink);
    if (result?.changed) {
      deps.logger.info('chat.ended', { by: 'agent' });
      await hub.notify(id, 'queue');
      afterEnd(chatDeps, hub, result.session);
    }
    return c.redirect(`/kcc/chat/${id}`, 303);
  });

  app.post('/:id/handled', async (c) => {
    const id = c.req.param('id');
    await chats.markHandled(id);
    await hub.notify(id, 'queue');
    return c.redirect('/kcc/chat', 303);
  });

  return app;
}

function nameForm(csrf: string, error?: string): SafeHtml {
  return html`<h1>Live chat</h1>
    <p>Inwoners zien uw voornaam als u met hen chat.</p>
    ${error ? html`<p class="error" role="alert" id="name-error">${error}</p>` : ''}
    <form method="post" action="/kcc/chat/name" class="login">
      <input type="hidden" name="csrf" value="${csrf}" />
      <label for="agent-name">Uw voornaam</label>
      <input
        id="agent-name"
        name="name"
        type="text"
        autocomplete="given-name"
        maxlength="40"
        required
        ${error ? html`aria-describedby="name-error" aria-invalid="true"` : ''}
      />
      <button type="submit">Online gaan</button>
    </form>`;
}
