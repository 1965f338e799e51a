import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { isDichtbijError, type DichtbijErrorCode } from '@dichtbij/sdk/errors';
import { residentCode } from '@dichtbij/sdk/code';
import { DEFAULT_OUTBOX_POLICY, outboxDecision, type OutboxItem } from '@dichtbij/sdk/outbox';
import type { ChatConnectionState, ChatSubscription } from '@dichtbij/sdk/adapter';
import type { ChatMessage, ChatSession } from '@dichtbij/sdk/schemas/chat';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import type { GemeenteConfig } from '@dichtbij/sdk/schemas/config';
import type { PageContext } from '@dichtbij/sdk/schemas/common';
import type { HandoffContext } from '@dichtbij/sdk/schemas/callback';
import {
  chatHandoffContext,
  clearStoredChat,
  contiguousSeq,
  linkParts,
  loadStoredChat,
  mergeMessages,
  newChatClientId,
  safeHttpUrl,
  saveStoredChat,
} from '@dichtbij/sdk/chat';
import type { ChatAvailability } from '@dichtbij/sdk/chat-availability';
import { DichtbijElement } from '../../shared/dichtbij-element.ts';
import { emit } from '../../shared/events.ts';
import { intlLocale } from '../../shared/i18n.ts';
import { chatPanelStyles } from './chat-panel.styles.ts';
import { strings, type ChatFault, type ChatPanelStrings } from './strings.ts';

type Phase = 'idle' | 'starting' | 'ready' | 'ended' | 'error' | 'unconfigured';
interface Pending {
  clientId: string;
  text: string;
  at: string;
  failed: boolean;
  /** Why it waits; and the outbox policy's count of the same failure (not kept across pages). */
  reason?: 'network' | 'server';
  retry?: Pick<OutboxItem, 'createdAt' | 'attempts' | 'lastCode' | 'lastStatus' | 'same'>;
}

// "No internet connection" only when the browser is offline; else the server did not answer.
const faultOf = (raw: DichtbijErrorCode | undefined): ChatFault => {
  const code = raw && residentCode(raw);
  return code === 'network'
    ? 'network'
    : code === 'server' || code === 'timeout'
      ? 'server'
      : code === 'bad_response'
        ? code
        : 'other';
};
type Notice = { kind: 'info' | 'error' | 'success'; text: string; role?: 'alert' | 'status' };
type Offer = 'closed' | 'timeout';

const MAX_LENGTH = 1000;
const AGENT_WORDS = new Set([strings.nl.talkToAgent, strings.en.talkToAgent].map((s) => s.toLowerCase()));
const CLOSE_ICON = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z';

/**
 * The chat window of `<dichtbij-chat-launcher>`, loaded on the first click. Bot first; hands
 * over to a staff member during live-chat hours, or offers a callback (`dichtbij-handoff` to
 * `<dichtbij-bel-me>`) or a message otherwise. The chat survives navigation in this tab
 * (sessionStorage, written only once the resident started a chat) and a dropped connection
 * (unsent messages are retried with the same client id; none lost or doubled). A warm hand-off
 * into the chat (`takeHandoff`, from the launcher) starts the chat with its context: the backend
 * shows it as the first message and keeps it for the KCC, and it goes along to a callback.
 *
 * @tagname dichtbij-chat-panel
 * @summary The chat conversation, loaded on demand by the launcher.
 * @fires dichtbij-handoff - "Bel mij terug": `{ to: 'callback', source: 'chat', topic, summary, page }`.
 * @fires dichtbij-unread - Unread messages while the panel is closed (detail `{ count }`).
 * @fires dichtbij-error - The chat could not start (`code`), or there is no client (`code: 'config'`).
 * @csspart dialog - The chat window.
 * @csspart log - The conversation.
 * @csspart input - The message box.
 */
export class DichtbijChatPanel extends DichtbijElement {
  static override styles = chatPanelStyles;

  #open = false;
  /** Shown (the launcher sets it). Closing closes the dialog at once, so focus can go back. */
  @property({ type: Boolean, reflect: true })
  get open(): boolean {
    return this.#open;
  }
  set open(value: boolean) {
    const old = this.#open;
    this.#open = value;
    if (!value && this.dialog?.open) this.dialog.close();
    this.requestUpdate('open', old);
  }

  /** The page's topic, for the hand-off to a callback (else the resident's first question). */
  @property() topic?: string;

  /** Seconds to wait for a staff member before offering a callback (default 120). */
  @property({ attribute: 'agent-timeout', type: Number }) agentTimeout = 120;

  /** Side of the screen, as the launcher's `position`. */
  @property({ reflect: true }) position?: string;

  /** The clock (tests and stories). */
  @property({ attribute: false }) clock?: () => Date;

  /** Seconds between asking the backend whether a person can take over, while open (default 60). */
  @property({ attribute: 'availability-refresh', type: Number }) availabilityRefresh = 60;

  /** Where the chat is kept between pages (default sessionStorage). */
  @property({ attribute: false }) storage?: Storage;

  @state() private phase: Phase = 'idle';
  @state() private session?: ChatSession;
  @state() private messages: ChatMessage[] = [];
  @state() private pending: Pending[] = [];
  @state() private connection: ChatConnectionState = 'connecting';
  @state() private notices: Notice[] = [];
  @state() private offer?: Offer;
  @state() private leavingMessage = false;
  @state() private availability?: ChatAvailability;
  @state() private config?: GemeenteConfig;
  @state() private unread = 0;
  @state() private announcement = '';
  @state() private inputError = '';
  @state() private startFault: ChatFault = 'other';
  /** The score question after an ended chat (issue 12). */
  @state() private scoreState: 'asking' | 'sending' | 'sent' = 'asking';
  @state() private scoreError = '';

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('.log') private log?: HTMLElement;
  @query('h2') private heading?: HTMLElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  /** Full screen (narrow or low viewport, e.g. 400 % zoom): the panel is modal, the page inert. */
  #fullScreen?: MediaQueryList;

  #client?: DichtbijClient;
  #subscription?: ChatSubscription;
  #agentTimer?: ReturnType<typeof setTimeout>;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #availabilityTimer?: ReturnType<typeof setTimeout>;
  #flushing = false;
  #started?: Promise<void>;
  #lastAnnounced = -1;
  #restored = false;
  #staleNotice = false;
  /** The warm hand-off this chat started (or will start) with. */
  #context?: HandoffContext;
  /** The message left for the KCC: "Uw bericht staat klaar" once it is really sent. */
  #leftClientId?: string;

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#kick);
    this.addEventListener('keydown', this.#onKeydown);
    this.#fullScreen ??= matchMedia('(max-width: 30rem), (max-height: 30rem)');
    this.#fullScreen.addEventListener('change', this.#syncDialog);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#kick);
    this.removeEventListener('keydown', this.#onKeydown);
    this.#fullScreen?.removeEventListener('change', this.#syncDialog);
    if (this.dialog?.open) this.dialog.close();
    this.#subscription?.close();
    this.#subscription = undefined;
    clearTimeout(this.#agentTimer);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#availabilityTimer);
    this.#started = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A chat started on an earlier page resumes at once (to count unread messages); a new one
    // starts only when the resident opens the panel.
    const client = this.resolvedClient;
    if (this.phase === 'unconfigured' && client) this.phase = 'idle';
    if (this.phase === 'idle' && !this.#started && this.open && !client) {
      this.phase = 'unconfigured';
      emit(this, 'dichtbij-error', {
        code: 'config',
        message: 'dichtbij-chat-panel: no client (set api, client or <dichtbij-config>)',
      });
    }
    if (this.phase === 'idle' && !this.#started && client && (this.open || this.#storedChat())) {
      this.#started = this.#start();
    }
    if (changed.has('open') && this.open && this.unread) this.#setUnread(0);
    if (changed.has('open') && changed.get('open') !== undefined) this.#persist();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncDialog();
    if (changed.has('messages') || changed.has('pending') || (changed.has('open') && this.open)) {
      const log = this.log;
      if (log) log.scrollTop = log.scrollHeight;
    }
    // Opened again: ask at once (hours may have passed, staff come and go); closed: stop asking.
    // …and in another language: the availability text (and the launcher's name) follow it.
    if (
      (changed.has('open') || changed.has('availabilityRefresh') || changed.has('locale')) &&
      this.open &&
      this.config
    )
      void this.#refreshAvailability();
    if (changed.has('open') && !this.open) clearTimeout(this.#availabilityTimer);
  }

  /**
   * A warm hand-off into the chat (`dichtbij-handoff` with `to: 'chat'`, passed on by the
   * launcher): the next chat starts with this context (page, topic, summary, case). A chat that
   * runs already (here or from an earlier page) just continues; an ended one makes room for a
   * new chat with the context. Open the panel afterwards.
   */
  takeHandoff(detail: unknown): void {
    const context = chatHandoffContext(detail);
    if (this.phase === 'ended') {
      this.#context = context;
      this.#reset();
      // Closed: the chat starts when the panel opens (willUpdate).
      if (this.open) this.#started = this.#start();
      return;
    }
    if (this.session || this.#started || this.#storedChat()) return;
    this.#context = context;
    if (this.phase === 'error') {
      // Try again, now with the context (at once when open, else when it opens).
      this.notices = [];
      this.phase = 'idle';
      if (this.open) this.#started = this.#start();
    }
  }

  /**
   * Shows the dialog as the viewport asks: full screen it is modal (`showModal()`: the page
   * behind is inert, also for browse mode), otherwise a non-modal window beside the page.
   * Switching keeps the focus where it was.
   */
  #syncDialog = () => {
    const dialog = this.dialog;
    if (!dialog) return;
    if (!this.open || !this.isConnected) {
      if (dialog.open) dialog.close();
      return;
    }
    const modal = !!this.#fullScreen?.matches;
    if (dialog.open && dialog.matches(':modal') === modal) return;
    const focused = this.shadowRoot?.activeElement as HTMLElement | null;
    const outside = document.activeElement;
    if (dialog.open) dialog.close();
    if (modal) dialog.showModal();
    else dialog.setAttribute('open', ''); // not show(): that would take focus from the page
    if (focused && dialog.contains(focused)) focused.focus();
    else if (modal && !this.#focusPending) (this.textarea ?? this.heading)?.focus();
    else if (!modal && outside instanceof HTMLElement && outside !== document.activeElement) outside.focus();
  };

  #focusPending = false;

  /** A control that went away (a quick reply, an offer, "Gesprek beëindigen"): on to the message box. */
  protected override focusFallback(): HTMLElement | null | undefined {
    return this.open ? (this.textarea ?? this.heading) : undefined;
  }

  /** Escape in a modal dialog: close through the launcher, so focus goes back to the button. */
  #onCancel = (event: Event) => {
    event.preventDefault();
    if (this.open) this.#requestClose();
  };

  /** Moves focus into the panel: the message box, or the heading when there is none. */
  focusStart(): void {
    this.#focusPending = true;
    void this.updateComplete.then(() => {
      this.#focusPending = false;
      (this.textarea ?? this.heading)?.focus();
    });
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────

  private get t(): ChatPanelStrings {
    return strings[this.resolvedLocale];
  }

  protected override render() {
    const t = this.t;
    return html`
      <dialog aria-labelledby="title" part="dialog" @cancel=${this.#onCancel}>
        <div class="head">
          <div>
            <h2 id="title" tabindex="-1">${t.title(this.config?.name)}</h2>
            <p class="status small muted">${this.#statusLine()}</p>
          </div>
          <button type="button" class="button button--secondary close" @click=${this.#requestClose}>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${CLOSE_ICON}></path></svg>
            <span class="visually-hidden">${t.close}</span>
          </button>
        </div>
        <div class="notices">
          ${
            this.connection === 'reconnecting' && this.phase === 'ready'
              ? html`<p class="message message--warning" role="status">${t.reconnecting}</p>`
              : nothing
          }
          ${this.notices.map(
            (n) => html`<p class="message message--${n.kind}" role=${n.role ?? 'status'}>${n.text}</p>`,
          )}
        </div>
        ${
          this.phase === 'unconfigured'
            ? html`<p class="center">${t.notConfigured}</p>`
            : this.phase === 'error'
              ? html`<div class="center">
                  <p>${t.startFailed[this.startFault]}</p>
                  ${this.config ? html`<p>${t.callUs(this.config.phone)}</p>` : nothing}
                  <button type="button" class="button button--primary" @click=${this.#retryStart}>${t.tryAgain}</button>
                </div>`
              : this.#conversation()
        }
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </dialog>
    `;
  }

  #statusLine(): string {
    const t = this.t;
    const s = this.session;
    if (s?.state === 'queued') return s.position ? t.queued(s.position) : t.leftMessage;
    if (s?.state === 'live') return t.live(s.agentName ?? undefined);
    return this.availability?.text ?? '';
  }

  #conversation(): TemplateResult {
    const t = this.t;
    const ended = this.phase === 'ended';
    const last = this.messages.at(-1);
    const typing = this.session?.state === 'bot' && last?.from === 'resident' && !this.pending.length;
    const asked = this.messages.some((m) => m.from === 'resident');
    const quick =
      !ended && last && last.from !== 'resident' && last.quickReplies?.length && this.session?.state === 'bot'
        ? last.quickReplies
        : [];
    return html`
      <div class="log" role="log" aria-live="off" aria-label=${t.logLabel} tabindex="0" part="log">
        ${this.phase === 'starting' && !this.messages.length ? html`<p class="muted">${t.starting}</p>` : nothing}
        ${this.messages.map((m) => this.#message(m))} ${this.pending.map((p) => this.#pendingMessage(p))}
        ${typing ? html`<p class="typing">${t.typing}</p>` : nothing}
        ${
          quick.length
            ? html`<div class="choices" role="group" aria-label=${t.quickReplies}>
                ${quick.map(
                  (q) =>
                    html`<button type="button" class="button button--secondary" @click=${() => this.#quickReply(q)}>
                      ${q}
                    </button>`,
                )}
              </div>`
            : nothing
        }
        ${this.#offerBlock()}
      </div>
      ${ended ? this.#scoreBlock() : nothing}
      ${
        ended
          ? html`<div class="actions">
              <button type="button" class="button button--primary" @click=${this.#newChat}>${t.newChat}</button>
              ${
                asked
                  ? html`<button type="button" class="button button--secondary" @click=${this.#save}>${t.save}</button>`
                  : nothing
              }
            </div>`
          : html`
              <form @submit=${this.#onSubmit} novalidate>
                <div class="field">
                  <label class="label" for="input">${t.inputLabel}</label>
                  <textarea
                    id="input"
                    class="textarea"
                    part="input"
                    rows="2"
                    maxlength=${MAX_LENGTH}
                    enterkeyhint="send"
                    aria-describedby="hint ${this.inputError ? 'input-error' : ''}"
                    aria-invalid=${this.inputError ? 'true' : 'false'}
                    @keydown=${this.#onInputKeydown}
                    @input=${() => (this.inputError = '')}
                  ></textarea>
                  ${this.inputError ? html`<p id="input-error" class="field-error" role="alert">${this.inputError}</p>` : nothing}
                  <p id="hint" class="hint muted">${t.inputHint}</p>
                </div>
                <button type="submit" class="button button--primary">${t.send}</button>
              </form>
              <div class="actions">
                ${
                  this.session?.state === 'bot' &&
                  !this.offer &&
                  !quick.some((q) => AGENT_WORDS.has(q.trim().toLowerCase()))
                    ? html`<button type="button" class="button button--link" @click=${this.#talkToAgent}>
                        ${t.talkToAgent}
                      </button>`
                    : nothing
                }
                ${
                  asked
                    ? html`<button type="button" class="button button--link" @click=${this.#save}>${t.save}</button>`
                    : nothing
                }
                <button
                  type="button"
                  class="button button--link"
                  aria-disabled=${this.phase !== 'ready' ? 'true' : 'false'}
                  @click=${this.#end}
                >
                  ${t.end}
                </button>
              </div>
            `
      }
    `;
  }

  /** After an ended chat: "Welk cijfer geeft u dit gesprek?" (1–10), sent once to the backend. */
  #scoreBlock(): TemplateResult | typeof nothing {
    const t = this.t;
    if (!this.#client?.chat.score || !this.session || !this.messages.some((m) => m.from === 'resident')) return nothing;
    if (this.scoreState === 'sent') return html`<p class="score-thanks" role="status">${t.scoreThanks}</p>`;
    return html`<form class="score" @submit=${this.#sendScore} novalidate>
      <fieldset aria-describedby="score-hint ${this.scoreError ? 'score-error' : ''}">
        <legend class="label">${t.scoreLegend}</legend>
        <p id="score-hint" class="hint muted">${t.scoreHint}</p>
        <div class="score-options">
          ${Array.from(
            { length: 10 },
            (_, i) =>
              html`<label class="score-option"
                ><input
                  type="radio"
                  name="chat-score"
                  value=${i + 1}
                  @change=${() => (this.scoreError = '')}
                />${i + 1}</label
              >`,
          )}
        </div>
      </fieldset>
      ${this.scoreError ? html`<p id="score-error" class="field-error" role="alert">${this.scoreError}</p>` : nothing}
      <button type="submit" class="button button--secondary" ?disabled=${this.scoreState === 'sending'}>
        ${t.scoreSend}
      </button>
    </form>`;
  }

  #sendScore = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const checked = form.querySelector<HTMLInputElement>('input[name="chat-score"]:checked');
    const client = this.#client;
    const id = this.session?.id;
    if (!checked) {
      this.scoreError = this.t.scoreMissing;
      return;
    }
    if (!client?.chat.score || !id) return;
    this.scoreState = 'sending';
    try {
      await client.chat.score(id, Number(checked.value));
      this.scoreState = 'sent';
      this.#announce(this.t.scoreThanks);
    } catch {
      this.scoreState = 'asking';
      this.scoreError = this.t.scoreFailed;
    }
  };

  #offerBlock(): TemplateResult | typeof nothing {
    if (!this.offer || this.phase === 'ended') return nothing;
    const t = this.t;
    return html`<div class="msg msg--system offer">
      <p class="text">${this.offer === 'closed' ? t.noAgentsNow(this.availability?.back) : t.nobodyFree}</p>
      ${this.config ? html`<p class="text">${t.callUs(this.config.phone)}</p>` : nothing}
      <div class="choices">
        <button type="button" class="button button--primary" @click=${this.#callMeBack}>${t.offerCallback}</button>
        ${
          this.leavingMessage
            ? nothing
            : html`<button type="button" class="button button--secondary" @click=${this.#leaveMessage}>
                ${t.leaveMessage}
              </button>`
        }
        ${
          this.offer === 'timeout'
            ? html`<button type="button" class="button button--secondary" @click=${() => (this.offer = undefined)}>
                ${t.keepWaiting}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #message(m: ChatMessage): TemplateResult {
    const t = this.t;
    const who =
      m.from === 'resident' ? t.you : m.from === 'bot' ? t.bot : m.from === 'agent' ? t.agent(m.agentName) : t.system;
    const links = (m.links ?? []).flatMap((l) => {
      const href = safeHttpUrl(l.url);
      return href ? [{ href, title: l.title }] : [];
    });
    return html`<div class="msg msg--${m.from}">
      <p class="who">${who} <time datetime=${m.at}>${this.#time(m.at)}</time></p>
      <p class="text" lang=${m.lang && m.lang !== this.resolvedLocale ? m.lang : nothing}>${this.#text(m.text)}</p>
      ${
        links.length
          ? html`<p class="visually-hidden">${t.moreInfo}</p>
              <ul class="links" lang=${m.lang && m.lang !== this.resolvedLocale ? m.lang : nothing}>
                ${links.map((l) => html`<li><a href=${l.href} rel="noopener noreferrer">${l.title}</a></li>`)}
              </ul>`
          : nothing
      }
    </div>`;
  }

  #pendingMessage(p: Pending): TemplateResult {
    const t = this.t;
    return html`<div class="msg msg--resident ${p.failed ? 'msg--failed' : ''}">
      <p class="who">${t.you}</p>
      <p class="text">${this.#text(p.text)}</p>
      <p class="state ${p.failed ? 'state--failed' : 'muted'}">
        ${p.failed ? t.notSent[p.reason ?? 'network'] : t.sending}
      </p>
      ${
        p.failed
          ? html`<button type="button" class="button button--link" @click=${this.#kick}>${t.retryNow}</button>`
          : nothing
      }
    </div>`;
  }

  /** Message text as text; http(s) links become links, everything else stays text. */
  #text(text: string) {
    return linkParts(text).map((part) =>
      part.kind === 'link' ? html`<a href=${part.href} rel="noopener noreferrer">${part.text}</a>` : part.text,
    );
  }

  #time(at: string): string {
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) return '';
    return new Intl.DateTimeFormat(intlLocale(this.resolvedLocale), {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    }).format(d);
  }

  // ── starting, resuming ───────────────────────────────────────────────────────────────────

  #now(): Date {
    return this.clock?.() ?? new Date();
  }

  #store(): Storage | undefined {
    try {
      return this.storage ?? globalThis.sessionStorage;
    } catch {
      return undefined; // storage blocked: the chat works on this page only
    }
  }

  #storedChat() {
    const client = this.resolvedClient;
    return client ? loadStoredChat(this.#store(), client.adapter.id) : undefined;
  }

  async #start(): Promise<void> {
    const client = this.resolvedClient;
    if (!client) return;
    this.#client = client;
    void this.#loadConfig(client);
    this.phase = 'starting';
    const stored = this.#storedChat();
    if (stored) {
      this.messages = stored.messages;
      this.pending = stored.pending.map((p) => ({ ...p, failed: false }));
      this.session = stored.session;
      this.unread = stored.unread;
      this.#context = stored.context;
      this.#lastAnnounced = stored.messages.at(-1)?.seq ?? -1;
      this.#restored = true;
      try {
        this.session = await client.chat.get(stored.sessionId);
      } catch (error) {
        if (isDichtbijError(error) && error.code === 'not_found') return this.#stale();
        // Offline or the gateway restarts: show what we have and reconnect.
      }
      if (this.session?.state === 'ended') return this.#ended(false);
      this.#ready();
      return;
    }
    if (!this.open) {
      this.phase = 'idle';
      this.#started = undefined;
      return;
    }
    try {
      const context = this.#context;
      this.session = await client.chat.start({
        locale: this.resolvedLocale,
        ...this.#page(),
        ...(context ? { context } : {}),
      });
    } catch (error) {
      this.phase = 'error';
      this.startFault = faultOf(isDichtbijError(error) ? error.code : 'network');
      this.#started = undefined;
      emit(this, 'dichtbij-error', {
        code: isDichtbijError(error) ? error.code : 'network',
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    this.messages = [];
    this.#lastAnnounced = -1;
    this.#ready();
    if (this.#staleNotice) {
      this.#staleNotice = false;
      this.#notice({ kind: 'info', text: this.t.stale });
      this.#announce(this.t.stale);
    }
  }

  #ready(): void {
    this.phase = 'ready';
    this.#subscribe();
    this.#persist();
    if (this.session?.state === 'queued' && this.session.position) this.#startAgentTimer();
    this.#kick();
  }

  #retryStart = () => {
    this.notices = [];
    this.#started = this.#start();
  };

  async #loadConfig(client: DichtbijClient): Promise<void> {
    try {
      const config = await client.config.get();
      this.config = config;
      await this.#refreshAvailability();
    } catch {
      // Without the config the chat still works; the availability line stays empty.
    }
  }

  /**
   * Whether a person can take over now, from the backend (its clock, the staff present now)
   * when the adapter can say, else from the configuration; asked again while the panel is open
   * (every `availability-refresh` seconds, and when live hours start), not worked out once.
   */
  async #refreshAvailability(): Promise<void> {
    clearTimeout(this.#availabilityTimer);
    const client = this.#client;
    if (!client) return;
    try {
      // The opening-hours engine comes with the availability: not part of opening the chat.
      const sdk = await import('@dichtbij/sdk/chat-availability');
      const locale = this.resolvedLocale;
      const now = this.#now();
      const report = client.chat.availability ? await client.chat.availability().catch(() => undefined) : undefined;
      const next = report
        ? sdk.availabilityFromReport(report, now, locale)
        : this.config
          ? sdk.chatAvailability(this.config, now, locale)
          : undefined;
      if (next) {
        const before = this.availability;
        this.availability = next;
        if (!before || before.text !== next.text || before.live !== next.live) {
          this.dispatchEvent(
            new CustomEvent('dichtbij-chat-availability', {
              bubbles: true,
              detail: { text: next.text, live: next.live },
            }),
          );
        }
      }
      if (this.isConnected && this.open) {
        const refresh =
          Number.isFinite(this.availabilityRefresh) && this.availabilityRefresh > 0 ? this.availabilityRefresh : 60;
        // Two asks may overlap (opening, a click): keep one timer, and none once closed.
        clearTimeout(this.#availabilityTimer);
        this.#availabilityTimer = setTimeout(
          () => void (this.open && this.#refreshAvailability()),
          sdk.nextAvailabilityCheck(this.availability, this.#now(), refresh * 1000),
        );
      }
    } catch {
      // Unknown for now: keep what we knew; the next try is when the resident asks for a person.
    }
  }

  #page(): { page?: PageContext } {
    const url = safeHttpUrl(`${location.origin}${location.pathname}`);
    return url ? { page: { url, ...(document.title ? { title: document.title.slice(0, 300) } : {}) } } : {};
  }

  /** The stored session is gone on the server: start fresh and say so. */
  async #stale(): Promise<void> {
    this.#subscription?.close();
    this.#subscription = undefined;
    clearStoredChat(this.#store());
    const unsent = this.pending.map((p) => p.text).join('\n');
    this.session = undefined;
    this.messages = [];
    this.pending = [];
    this.offer = undefined;
    this.#started = undefined;
    this.#restored = false;
    this.phase = 'idle';
    this.#staleNotice = true;
    if (!this.open) return;
    this.#started = this.#start();
    await this.#started;
    if (unsent && this.textarea && !this.textarea.value) this.textarea.value = unsent.slice(0, MAX_LENGTH);
  }

  #subscribe(): void {
    const client = this.#client;
    const id = this.session?.id;
    if (!client || !id) return;
    this.#subscription?.close();
    this.#subscription = client.chat.subscribe(
      id,
      {
        onMessage: (m) => this.#receive([m]),
        onSession: (s) => this.#sessionChanged(s),
        onConnection: (state) => {
          this.connection = state;
          if (state === 'open') this.#kick();
        },
        onError: (error) => {
          if (error.code === 'not_found') void this.#stale();
        },
      },
      { lastSeq: contiguousSeq(this.messages) },
    );
  }

  // ── incoming ─────────────────────────────────────────────────────────────────────────────

  #receive(incoming: ChatMessage[]): void {
    if (!this.session || incoming.some((m) => m.seq < 0)) return;
    const merged = mergeMessages(this.messages, incoming);
    const confirmed = new Set(incoming.map((m) => m.clientId).filter(Boolean));
    if (confirmed.size) this.pending = this.pending.filter((p) => !confirmed.has(p.clientId));
    if (merged === this.messages) return;
    this.messages = merged;
    const fresh = merged.filter((m) => m.seq > this.#lastAnnounced && m.from !== 'resident');
    this.#lastAnnounced = Math.max(this.#lastAnnounced, merged.at(-1)?.seq ?? -1);
    if (fresh.length) {
      const newest = fresh.at(-1)!;
      const t = this.t;
      const who = newest.from === 'bot' ? t.bot : newest.from === 'agent' ? t.agent(newest.agentName) : t.system;
      this.#announce(`${who}: ${newest.text}`);
      if (!this.open) this.#setUnread(this.unread + fresh.length);
    }
    this.#persist();
  }

  #sessionChanged(next: ChatSession): void {
    const before = this.session;
    if (!before || next.id !== before.id) return;
    this.session = next;
    const t = this.t;
    if (next.state === 'queued' && (before.state !== 'queued' || before.position !== next.position)) {
      if (next.position) {
        this.#announce(t.queued(next.position));
        if (before.state !== 'queued') this.#startAgentTimer();
      }
    }
    if (next.state === 'live' && before.state !== 'live') {
      // The backend's system message ("Anna neemt het gesprek over.") is announced as a message.
      clearTimeout(this.#agentTimer);
      this.offer = undefined;
      this.leavingMessage = false;
    }
    if (next.state === 'ended' && before.state !== 'ended') {
      this.#ended(true);
      return;
    }
    this.#persist();
  }

  #announce(text: string): void {
    // The same text twice in a row must still be read: vary it invisibly.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #notice(notice: Notice): void {
    this.notices = [...this.notices.filter((n) => n.text !== notice.text), notice].slice(-2);
  }

  #setUnread(count: number): void {
    if (count === this.unread) return;
    this.unread = count;
    emit(this, 'dichtbij-unread', { count });
    this.#persist();
  }

  // ── sending ──────────────────────────────────────────────────────────────────────────────

  #onInputKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#sendFromInput();
    }
  };

  #onSubmit = (event: Event) => {
    event.preventDefault();
    this.#sendFromInput();
  };

  #sendFromInput(): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const text = textarea.value.trim();
    if (!text) {
      this.inputError = this.t.empty;
      return;
    }
    if (text.length > MAX_LENGTH) {
      this.inputError = this.t.tooLong(MAX_LENGTH);
      return;
    }
    this.inputError = '';
    // The text stays in the box when the chat cannot take it now (it ended, or failed to start).
    if (this.#send(text)) textarea.value = '';
  }

  #quickReply(text: string): void {
    if (AGENT_WORDS.has(text.trim().toLowerCase())) void this.#talkToAgent();
    else this.#send(text);
  }

  /** Queues a message to send; false when the chat cannot take one now. */
  #send(text: string): boolean {
    if (this.phase !== 'ready' && this.phase !== 'starting') return false;
    this.pending = [
      ...this.pending,
      { clientId: newChatClientId(), text, at: this.#now().toISOString(), failed: false },
    ];
    this.#persist();
    if (this.leavingMessage) {
      this.leavingMessage = false;
      this.offer = undefined;
      // Said once it is really sent (not while it waits for a connection).
      this.#leftClientId = this.pending.at(-1)!.clientId;
    }
    this.#kick();
    return true;
  }

  /** Sends what is pending, in order, one at a time; a failure keeps the rest waiting for a retry. */
  #kick = () => {
    clearTimeout(this.#retryTimer);
    void this.#flush();
  };

  async #flush(): Promise<void> {
    if (this.#flushing || this.phase !== 'ready') return;
    this.#flushing = true;
    try {
      while (this.pending.length && this.phase === 'ready') {
        const item = this.pending[0]!;
        const client = this.#client;
        const id = this.session?.id;
        if (!client || !id) return;
        try {
          const message = await client.chat.send(id, { text: item.text, clientId: item.clientId });
          this.pending = this.pending.filter((p) => p.clientId !== item.clientId);
          this.#receive([message]);
          this.#persist();
          if (item.clientId === this.#leftClientId) {
            this.#leftClientId = undefined;
            this.#notice({ kind: 'success', text: this.t.leftMessage });
          }
        } catch (error) {
          const code = isDichtbijError(error) ? error.code : 'network';
          if (code === 'rate_limited') {
            // Not sent: give the text back and say how long to wait.
            this.pending = this.pending.filter((p) => p.clientId !== item.clientId);
            if (this.textarea && !this.textarea.value) this.textarea.value = item.text;
            this.#notice({
              kind: 'error',
              role: 'alert',
              text: this.t.rateLimited(isDichtbijError(error) ? error.retryAfter : undefined),
            });
            this.#persist();
            continue;
          }
          if (code === 'not_found') {
            await this.#stale();
            return;
          }
          // The outbox's policy: refused at once; the same server failure N times gives up; offline waits.
          const decision = outboxDecision(
            {
              key: item.clientId,
              ns: '',
              kind: 'feedback',
              payload: undefined,
              // Real time (not the element's clock): since the first failed attempt on this page.
              createdAt: Date.now(),
              nextAttemptAt: 0,
              attempts: 1,
              ...item.retry,
            },
            error,
            Date.now(),
            { ...DEFAULT_OUTBOX_POLICY, ...client.outbox.policy, baseDelay: 1000, maxDelay: 15_000 },
          );
          if (decision.action === 'fail') {
            // Not sent: give the text back, say why and how else to reach the gemeente.
            this.pending = this.pending.filter((p) => p.clientId !== item.clientId);
            if (item.clientId === this.#leftClientId) this.#leftClientId = undefined;
            if (this.textarea && !this.textarea.value) this.textarea.value = item.text;
            this.#persist();
            void this.#failNotice(decision.reason === 'rejected' ? this.t.refused : this.t.gaveUp);
            continue;
          }
          // no connection, or the server fails: keep it, mark it, try again later with the same clientId.
          const { createdAt, attempts, lastCode, lastStatus, same } = decision.item;
          const retry = {
            createdAt,
            attempts,
            ...(lastCode ? { lastCode } : {}),
            ...(lastStatus ? { lastStatus } : {}),
            same,
          };
          const reason = residentCode(code) === 'network' ? ('network' as const) : ('server' as const);
          this.pending = this.pending.map((p) =>
            p.clientId === item.clientId ? { ...p, failed: true, reason, retry } : p,
          );
          this.#persist();
          clearTimeout(this.#retryTimer);
          this.#retryTimer = setTimeout(this.#kick, Math.max(0, decision.item.nextAttemptAt - Date.now()));
          return;
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** An error notice with the gemeente's phone number and opening hours, when known. */
  async #failNotice(text: string): Promise<void> {
    this.#notice({ kind: 'error', role: 'alert', text });
    const client = this.#client;
    if (!client) return;
    try {
      const contact = await client.contact({ locale: this.resolvedLocale, at: this.#now() });
      const full = `${text} ${this.t.callUs(contact.phone, contact.hours)}`;
      this.notices = this.notices.map((n) => (n.text === text ? { ...n, text: full } : n));
    } catch {
      // no configuration: the notice says what happened, without a number
    }
  }

  // ── hand-off ─────────────────────────────────────────────────────────────────────────────

  #talkToAgent = async () => {
    const client = this.#client;
    const id = this.session?.id;
    if (!client || !id || this.phase !== 'ready') return;
    // Not what it was when the panel opened: hours pass, staff come and go.
    await this.#refreshAvailability();
    if (this.availability && !this.availability.live) {
      this.#showOffer('closed');
      return;
    }
    try {
      const session = await client.chat.requestAgent(id);
      if (session.state === 'queued' && !session.position) {
        // Nobody present after all: the chat waits for the KCC; offer the alternatives now.
        this.#sessionChanged(session);
        this.#showOffer('closed');
        return;
      }
      this.#sessionChanged(session);
    } catch (error) {
      this.#notice({
        kind: 'error',
        role: 'alert',
        text:
          isDichtbijError(error) && error.code === 'rate_limited'
            ? this.t.rateLimited(error.retryAfter)
            : this.t.failed,
      });
    }
  };

  #showOffer(offer: Offer): void {
    this.offer = offer;
    const t = this.t;
    this.#announce(offer === 'closed' ? t.noAgentsNow(this.availability?.back) : t.nobodyFree);
    // The alternatives are at the end of the log: bring them into view and put focus on the first,
    // unless the resident is typing a message.
    void this.updateComplete.then(() => {
      const block = this.renderRoot.querySelector<HTMLElement>('.offer');
      if (!block) return;
      block.scrollIntoView({ block: 'nearest' });
      const active = (this.renderRoot as ShadowRoot).activeElement;
      if (this.open && !(active === this.textarea && this.textarea?.value)) {
        block.querySelector<HTMLButtonElement>('button')?.focus();
      }
    });
  }

  #startAgentTimer(): void {
    clearTimeout(this.#agentTimer);
    const seconds = Number.isFinite(this.agentTimeout) && this.agentTimeout > 0 ? this.agentTimeout : 120;
    this.#agentTimer = setTimeout(() => {
      if (this.session?.state === 'queued' && this.phase === 'ready') this.#showOffer('timeout');
    }, seconds * 1000);
  }

  /** The texts (summary, transcript) load on first use: they are not part of opening the chat. */
  #texts = () => import('@dichtbij/sdk/chat-text');

  #callMeBack = async () => {
    const { chatQuestion, chatSummary, chatTopic } = await this.#texts();
    const context = this.#context;
    const topic = chatTopic(this.messages, this.topic || context?.topic);
    // What the resident asked, for "Uw vraag"; the summary (with what the bot pointed to) goes along.
    const question = chatQuestion(this.messages);
    const detail = {
      to: 'callback' as const,
      source: 'chat' as const,
      // What came with a hand-off into the chat (e.g. from feedback) goes along, first.
      summary: chatSummary(this.messages, this.resolvedLocale, 2000, context),
      ...(question ? { question } : {}),
      ...(topic ? { topic } : {}),
      ...(context?.caseReference ? { caseReference: context.caseReference } : {}),
      ...(context?.caseTitle ? { caseTitle: context.caseTitle } : {}),
      ...(context?.caseType ? { caseType: context.caseType } : {}),
      ...this.#page(),
    };
    // <dichtbij-bel-me> takes the hand-off with preventDefault(), opens and prefills.
    const taken = !emit(this, 'dichtbij-handoff', detail);
    const text = !taken
      ? this.t.handedOffNoForm(this.config?.phone)
      : question
        ? this.t.handedOff
        : this.t.handedOffNoQuestion;
    this.#notice({ kind: 'info', text });
    this.#announce(text);
    this.offer = undefined;
    if (taken) this.#requestClose();
  };

  #leaveMessage = async () => {
    const client = this.#client;
    const id = this.session?.id;
    this.leavingMessage = true;
    this.#announce(this.t.leaveMessageHint);
    this.#notice({ kind: 'info', text: this.t.leaveMessageHint });
    this.textarea?.focus();
    if (client && id && this.session?.state === 'bot') {
      try {
        this.#sessionChanged(await client.chat.requestAgent(id));
      } catch {
        // The message still goes into the chat; the KCC sees it with the transcript.
      }
    }
  };

  // ── ending, saving ───────────────────────────────────────────────────────────────────────

  #end = async () => {
    const client = this.#client;
    const id = this.session?.id;
    if (!client || !id || this.phase !== 'ready') return;
    try {
      const session = await client.chat.end(id);
      this.session = session;
    } catch (error) {
      if (!(isDichtbijError(error) && error.code === 'not_found')) {
        this.#notice({ kind: 'error', role: 'alert', text: this.t.failed });
        return;
      }
    }
    this.#ended(false);
  };

  #ended(byAgent: boolean): void {
    this.phase = 'ended';
    this.#subscription?.close();
    this.#subscription = undefined;
    clearTimeout(this.#agentTimer);
    clearTimeout(this.#retryTimer);
    this.offer = undefined;
    this.leavingMessage = false;
    clearStoredChat(this.#store());
    // Said once: who ended it, then what the resident can do now.
    const text = `${byAgent ? this.t.endedByAgent : this.t.ended} ${this.t.endedNext}`;
    this.notices = [{ kind: 'info', text }];
    this.#announce(text);
    if (this.open && this.matches(':focus-within')) void this.updateComplete.then(() => this.heading?.focus());
  }

  #newChat = () => {
    this.#context = undefined;
    this.#reset();
    this.#started = this.#start();
    this.focusStart();
  };

  /** Back to no chat (after one ended). */
  #reset(): void {
    this.session = undefined;
    this.messages = [];
    this.pending = [];
    this.notices = [];
    this.unread = 0;
    this.scoreState = 'asking';
    this.scoreError = '';
    this.phase = 'idle';
    this.#started = undefined;
  }

  #save = async () => {
    const { transcriptText } = await this.#texts();
    const text = transcriptText(this.messages, {
      locale: this.resolvedLocale,
      ...(this.config ? { gemeente: this.config.name } : {}),
      at: this.#now(),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = this.t.transcriptFile(this.#now().toISOString().slice(0, 10));
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  // ── closing, storage ─────────────────────────────────────────────────────────────────────

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Tab' && this.dialog?.matches(':modal')) this.#wrapTab(event);
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      event.preventDefault();
      this.#requestClose();
    }
  };

  /** Modal: Tab from the last control goes to the first (and back), not to the browser's toolbar. */
  #wrapTab(event: KeyboardEvent): void {
    const dialog = this.dialog!;
    const tabbable = [
      ...dialog.querySelectorAll<HTMLElement>(
        'button:not([disabled]), textarea, input:not([disabled]), select, a[href], [tabindex="0"]',
      ),
    ].filter((el) => el.getClientRects().length > 0);
    const first = tabbable[0];
    const last = tabbable.at(-1);
    const active = this.shadowRoot?.activeElement;
    if (!first || !last) return;
    if (event.shiftKey ? active === first || !active : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  }

  #requestClose = () => {
    const handled = !this.dispatchEvent(
      new CustomEvent('dichtbij-chat-close-request', { bubbles: true, cancelable: true }),
    );
    if (!handled) this.open = false;
  };

  #persist(): void {
    const session = this.session;
    const client = this.#client;
    if (!session || !client || this.phase === 'ended' || this.phase === 'idle' || this.phase === 'error') return;
    saveStoredChat(this.#store(), {
      v: 1,
      backend: client.adapter.id,
      sessionId: session.id,
      session,
      messages: this.messages,
      pending: this.pending.map(({ clientId, text, at }) => ({ clientId, text, at })),
      open: this.open,
      unread: this.unread,
      ...(this.#context ? { context: this.#context } : {}),
    });
  }

  /** For tests: whether the transcript was restored from an earlier page. */
  get restored(): boolean {
    return this.#restored;
  }
}
