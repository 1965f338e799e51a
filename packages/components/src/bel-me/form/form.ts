// The form of <dichtbij-bel-me> as a Lit reactive controller: its state, its rendering and its
// handlers. Loaded on first use (a click, focus or hover on the button, an inline element, a
// hand-off), together with what it needs from the SDK: opening hours, libphonenumber-js with Dutch
// metadata, the callback moments and the bel-me logic.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { isDichtbijError } from '@dichtbij/sdk/errors';
import type { CallbackReceipt, HandoffContext } from '@dichtbij/sdk/schemas/callback';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import type { GemeenteConfig } from '@dichtbij/sdk/schemas/config';
import type { Locale } from '@dichtbij/sdk/schemas/common';
import { humanDate, openingHours, type OpeningHours } from '@dichtbij/sdk/opening-hours';
// The SDK modules one by one, not through the '@dichtbij/sdk' index, so that they stay in this
// lazy chunk. (Lead: with subpath exports '@dichtbij/sdk/callback', '/phone', '/bel-me' these
// become package imports.)
import { callbackSlots, isPreferredMomentValid } from '@dichtbij/sdk/callback';
import { checkPhone, loadInternationalPhoneMetadata, type PhoneProblem } from '@dichtbij/sdk/phone';
import {
  callbackPromise,
  callbackRequestInput,
  handoffContext,
  handoffSummary,
  matchTopic,
  parsePreferredKey,
  retryWait,
  telHref,
} from '@dichtbij/sdk/bel-me';
import { emit, type HandoffDetail } from '../../shared/events.ts';
import { strings } from '../strings.ts';
import { formStrings, type SendProblem } from './strings.ts';
import type { OutboxFailedDetail, QueuedReason } from '@dichtbij/sdk/outbox';
import type { DichtbijErrorCode } from '@dichtbij/sdk/errors';

export { formStyles } from './form.styles.ts';

const QUESTION_MAX = 300;

type Metadata = Awaited<ReturnType<typeof loadInternationalPhoneMetadata>>;
type Phase = 'form' | 'sending' | 'sent' | 'queued';
type Problem = { kind: 'rate_limited'; wait: ReturnType<typeof retryWait> } | { kind: 'failed'; why: SendProblem };

/** What the resident is told for an error code. */
function sendProblem(code: DichtbijErrorCode): SendProblem {
  if (code === 'network') return 'network';
  if (code === 'server' || code === 'timeout') return 'server';
  if (code === 'bad_response') return 'bad_response';
  if (code === 'validation') return 'rejected';
  return 'unavailable';
}

interface FormState {
  phase: Phase;
  phone: string;
  name: string;
  topicId: string;
  question: string;
  /** The checked radio: 'asap', '2026-05-27:morning', or '' (none, after a slot expired). */
  preferred: string;
  phoneProblem: PhoneProblem | 'refused' | undefined;
  slotGone: boolean;
  /** Show the error summary (after a submit with errors). */
  summary: boolean;
  problem: Problem | undefined;
  handoff: HandoffContext | undefined;
  receipt: CallbackReceipt | undefined;
  /** Why the request waits in the outbox. */
  queuedReason: QueuedReason;
  /** Text of the polite live region. */
  announcement: string;
}

/** What the form needs from its element. */
export interface FormHost extends ReactiveControllerHost, HTMLElement {
  readonly inline: boolean;
  readonly topic?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FormContext {
  client: DichtbijClient;
  config: GemeenteConfig;
  locale(): Locale;
  now(): Date;
  /** Closes the dialog. */
  close(): void;
}

/** The form for one client and config; the all-country phone metadata only when the gemeente accepts foreign numbers. */
export async function createForm(host: FormHost, context: FormContext): Promise<BelMeForm> {
  const hours = openingHours(context.config.openingHours);
  const international = context.config.callback.allowInternational ? await loadInternationalPhoneMetadata() : undefined;
  return new BelMeForm(host, context, hours, international);
}

export class BelMeForm implements ReactiveController {
  readonly #host: FormHost;
  readonly #context: FormContext;
  readonly #hours: OpeningHours;
  readonly #international: Metadata | undefined;
  readonly #state: FormState = {
    phase: 'form',
    phone: '',
    name: '',
    topicId: '',
    question: '',
    preferred: 'asap',
    phoneProblem: undefined,
    slotGone: false,
    summary: false,
    problem: undefined,
    handoff: undefined,
    receipt: undefined,
    queuedReason: 'network',
    announcement: '',
  };
  #topicChosen = false;
  #sending = false;
  #queuedId?: string;

  constructor(host: FormHost, context: FormContext, hours: OpeningHours, international: Metadata | undefined) {
    this.#host = host;
    this.#context = context;
    this.#hours = hours;
    this.#international = international;
    this.#state.topicId = matchTopic(context.config.callback.topics, host.topic) ?? '';
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#queuedId) this.#watchOutbox(true);
  }

  hostDisconnected(): void {
    this.#watchOutbox(false);
  }

  /** Text for the element's polite live region. */
  get announcement(): string {
    return this.#state.announcement;
  }

  /** Whether the promise line is on screen (the dialog is described by it). */
  get showsPromise(): boolean {
    return this.#state.phase === 'form' || this.#state.phase === 'sending';
  }

  /** Where focus goes when the form is shown. */
  get start(): string {
    return this.showsPromise ? '#phone' : '#result-title';
  }

  /** The element's `topic` attribute changed. */
  topicChanged(topic: string | undefined): void {
    if (!this.#topicChosen) this.#set({ topicId: matchTopic(this.#context.config.callback.topics, topic) ?? '' });
  }

  /** A warm hand-off: show what it carries, pre-select its topic; a finished request makes room for a new one. */
  takeHandoff(detail: Partial<HandoffDetail>): void {
    if (this.#state.phase === 'sent' || this.#state.phase === 'queued') this.#reset();
    const topic = matchTopic(
      this.#context.config.callback.topics,
      typeof detail.topic === 'string' ? detail.topic : '',
    );
    if (topic) this.#topicChosen = true;
    this.#set({ handoff: handoffContext(detail), ...(topic ? { topicId: topic } : {}) });
  }

  render(): TemplateResult {
    const { phase, receipt } = this.#state;
    if (phase === 'sent' && receipt) return this.#renderSent(receipt);
    if (phase === 'queued') return this.#renderQueued();
    return this.#renderForm();
  }

  // ---------------------------------------------------------------------------------------
  // Render

  #renderForm(): TemplateResult {
    const locale = this.#context.locale();
    const s = formStrings[locale];
    const { config } = this.#context;
    const st = this.#state;
    const now = this.#context.now();
    const hours = this.#hours;
    const promise = callbackPromise(hours, now, config.callback.withinMinutes ?? 60);
    const slots = callbackSlots(hours, now);
    const phoneError =
      st.phoneProblem === 'refused' ? s.phoneRefused : st.phoneProblem ? s.phoneProblem[st.phoneProblem] : '';
    const errors = [
      ...(phoneError ? [{ id: 'phone', text: phoneError }] : []),
      ...(st.slotGone ? [{ id: 'when-asap', text: s.slotGone }] : []),
    ];
    const topics = config.callback.topics;
    const rows = handoffSummary(st.handoff, topics);
    const sending = st.phase === 'sending';
    return html`
      <p class="promise" id="promise" part="promise" data-open=${String(hours.isOpen(now))}>
        ${s.promise(promise, 'date' in promise ? humanDate(promise.date, locale) : '')}
      </p>
      ${
        st.summary && errors.length
          ? html`<div
              class="message message--error error-summary"
              tabindex="-1"
              role="alert"
              aria-labelledby="summary-title"
            >
              <p id="summary-title"><strong>${s.errorSummary}</strong></p>
              <ul>
                ${errors.map(
                  (e) =>
                    html`<li><a href="#${e.id}" @click=${(ev: Event) => this.#focusField(ev, e.id)}>${e.text}</a></li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${
        st.problem
          ? html`<div class="message message--error problem" tabindex="-1" role="alert">
              ${
                st.problem.kind === 'rate_limited'
                  ? html`<p>${s.rateLimited(st.problem.wait)}</p>`
                  : html`<p>${s.failed[st.problem.why]}</p>
                      <p part="contact">${this.#callUs()}</p>`
              }
            </div>`
          : nothing
      }
      ${
        rows.length
          ? html`<section class="message message--info handoff" aria-labelledby="handoff-title">
              <h3 id="handoff-title">${s.handoffTitle}</h3>
              <p>${s.handoffIntro}</p>
              <dl>
                ${rows.map(
                  (r) =>
                    html`<dt>${s.handoffRow[r.kind]}</dt>
                      <dd>${r.text}</dd>`,
                )}
              </dl>
              <button class="button button--secondary" type="button" @click=${this.#onRemoveHandoff}>
                ${s.handoffRemove}
              </button>
            </section>`
          : nothing
      }
      <form novalidate @submit=${this.#onSubmit}>
        <div class="field">
          <label class="label" for="phone">${s.phone}</label>
          <span class="description" id="phone-hint">${s.phoneHint}</span>
          ${phoneError ? html`<p class="field-error" id="phone-error">${phoneError}</p>` : nothing}
          <input
            id="phone"
            class="input"
            name="phone"
            type="tel"
            autocomplete="tel"
            inputmode="tel"
            required
            aria-invalid=${phoneError ? 'true' : 'false'}
            aria-describedby=${phoneError ? 'phone-hint phone-error' : 'phone-hint'}
            .value=${live(st.phone)}
            @input=${(e: Event) => this.#set({ phone: (e.target as HTMLInputElement).value })}
            @change=${this.#onPhoneChange}
          />
        </div>
        <div class="field">
          <label class="label" for="name">${s.name} <span class="optional">${s.optional}</span></label>
          <input
            id="name"
            class="input"
            name="name"
            type="text"
            autocomplete="name"
            maxlength="100"
            .value=${live(st.name)}
            @input=${(e: Event) => this.#set({ name: (e.target as HTMLInputElement).value })}
          />
        </div>
        ${
          topics.length
            ? html`<div class="field">
                <label class="label" for="topic">${s.topic} <span class="optional">${s.optional}</span></label>
                <select id="topic" class="select" name="topic" @change=${this.#onTopicChange}>
                  <option value="" ?selected=${!st.topicId}>${s.chooseTopic}</option>
                  ${topics.map((t) => html`<option value=${t.id} ?selected=${t.id === st.topicId}>${t.label}</option>`)}
                </select>
              </div>`
            : nothing
        }
        <div class="field">
          <label class="label" for="question">${s.question} <span class="optional">${s.optional}</span></label>
          <textarea
            id="question"
            class="textarea"
            name="question"
            rows="4"
            maxlength=${QUESTION_MAX}
            aria-describedby="question-counter"
            .value=${live(st.question)}
            @input=${(e: Event) => this.#set({ question: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
          <span class="description small" id="question-counter"
            >${s.charactersLeft(Math.max(0, QUESTION_MAX - st.question.length), QUESTION_MAX)}</span
          >
        </div>
        <fieldset class="fieldset" aria-describedby=${st.slotGone ? 'when-error' : nothing}>
          <legend class="legend">${s.when}</legend>
          ${st.slotGone ? html`<p class="field-error" id="when-error">${s.slotGone}</p>` : nothing}
          <div class="choices">
            <label class="choice">
              <input
                type="radio"
                id="when-asap"
                name="preferred"
                value="asap"
                .checked=${live(st.preferred === 'asap')}
                @change=${this.#onPreferred}
              />${s.asap}
            </label>
            ${slots.map((day) => {
              const dayText = humanDate(day.date, locale);
              return html`<div class="day">
                <span class="day-name" aria-hidden="true">${dayText}</span>
                ${day.parts.map((part) => {
                  const value = `${day.date}:${part}`;
                  return html`<label class="choice">
                    <input
                      type="radio"
                      name="preferred"
                      value=${value}
                      .checked=${live(st.preferred === value)}
                      @change=${this.#onPreferred}
                    /><span class="visually-hidden">${dayText}, </span>${s.part[part]}
                  </label>`;
                })}
              </div>`;
            })}
          </div>
        </fieldset>
        <p class="privacy">
          ${s.privacyBefore}<a href=${config.privacyUrl} target="_blank" rel="noopener noreferrer"
            >${s.privacyLink} ${s.newWindow}</a
          >${s.privacyAfter}
        </p>
        <div class="actions">
          <button
            class="button button--primary"
            part="submit"
            type="submit"
            aria-disabled=${sending ? 'true' : 'false'}
          >
            ${sending ? s.sending : s.submit}
          </button>
        </div>
      </form>
    `;
  }

  /** "Uw verzoek is verstuurd. Uw kenmerk: TB-…. We bellen u …" for the live region. */
  #sentText(receipt: CallbackReceipt): string {
    const locale = this.#context.locale();
    const s = formStrings[locale];
    const { expected } = receipt;
    const when = s.expected(expected, 'date' in expected ? humanDate(expected.date, locale) : '');
    return `${s.sentTitle}. ${s.reference} ${receipt.reference}. ${when}`;
  }

  #renderSent(receipt: CallbackReceipt): TemplateResult {
    const locale = this.#context.locale();
    const s = formStrings[locale];
    const { expected } = receipt;
    return html`
      <div class="message message--success" part="confirmation">
        <h3 id="result-title" tabindex="-1">${s.sentTitle}</h3>
        <p>${s.reference} <span class="reference">${receipt.reference}</span></p>
        <p>${s.expected(expected, 'date' in expected ? humanDate(expected.date, locale) : '')}</p>
        <p>${s.noCall} ${this.#phoneLink()}.</p>
      </div>
      ${this.#renderDone()}
    `;
  }

  #renderQueued(): TemplateResult {
    const s = formStrings[this.#context.locale()];
    return html`
      <div class="message message--warning" part="queued">
        <h3 id="result-title" tabindex="-1">${s.queuedTitle}</h3>
        <p>${s.queued[this.#state.queuedReason]}</p>
        <p>${s.queuedLater[this.#state.queuedReason]}</p>
        <p>${s.noWait} ${this.#phoneLink()}.</p>
      </div>
      ${this.#renderDone()}
    `;
  }

  #renderDone() {
    if (this.#host.inline) return nothing;
    return html`<div class="actions">
      <button class="button button--primary" type="button" @click=${() => this.#context.close()}>
        ${strings[this.#context.locale()].close}
      </button>
    </div>`;
  }

  /** "Bel ons liever zelf op <link>. Nu open tot 17:00." */
  #callUs() {
    const locale = this.#context.locale();
    let hours: string | undefined;
    try {
      hours = this.#hours.describe(this.#context.now(), locale);
    } catch {
      hours = undefined;
    }
    const text = formStrings[locale].callUs('\u0000', hours);
    const [before, after] = text.split('\u0000');
    return html`${before}${this.#phoneLink()}${after}`;
  }

  #phoneLink() {
    const { phone } = this.#context.config;
    const href = telHref(phone);
    return href ? html`<a href=${href}>${phone}</a>` : phone;
  }

  // ---------------------------------------------------------------------------------------
  // Handlers

  #onPhoneChange = () => {
    // Once an error is shown, say so as soon as it is fixed (on leaving the field, not per key).
    if (this.#state.phoneProblem) {
      const check = checkPhone(this.#state.phone, this.#phoneOptions());
      this.#set({ phoneProblem: check.ok ? undefined : check.problem });
    }
  };

  #onTopicChange = (e: Event) => {
    this.#topicChosen = true;
    this.#set({ topicId: (e.target as HTMLSelectElement).value });
  };

  #onPreferred = (e: Event) => {
    this.#set({ preferred: (e.target as HTMLInputElement).value, slotGone: false });
  };

  #onRemoveHandoff = () => {
    this.#set({ handoff: undefined, announcement: formStrings[this.#context.locale()].handoffRemoved });
    void this.#focus('#phone');
  };

  #focusField(event: Event, id: string) {
    event.preventDefault();
    this.#root().querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  #onSubmit = async (event: Event) => {
    event.preventDefault();
    if (this.#sending) return;
    const { client } = this.#context;
    const st = this.#state;
    // Check again now: the page may have stayed open past closing time or past the chosen day.
    const check = checkPhone(st.phone, this.#phoneOptions());
    const preferred = parsePreferredKey(st.preferred);
    const slotOk = !!preferred && isPreferredMomentValid(this.#hours, preferred, this.#context.now());
    this.#set({
      problem: undefined,
      phoneProblem: check.ok ? undefined : check.problem,
      slotGone: !slotOk,
      ...(slotOk ? {} : { preferred: '' }),
    });
    if (!check.ok || !preferred || !slotOk) {
      this.#set({ summary: true });
      return this.#focus('.error-summary');
    }
    const input = callbackRequestInput({
      phone: check.e164,
      name: st.name,
      topic: st.topicId,
      question: st.question,
      preferred,
      ...(st.handoff ? { context: st.handoff } : {}),
      locale: this.#context.locale(),
    });
    this.#sending = true;
    // The busy button says "sending"; the live region speaks once, with the result.
    this.#set({ summary: false, phase: 'sending', announcement: '' });
    try {
      const result = await client.callbacks.request(input);
      if (result.result === 'sent') {
        // One announcement with what matters: the reference and when we call.
        this.#set({ receipt: result.receipt, phase: 'sent', announcement: this.#sentText(result.receipt) });
        emit(this.#host, 'dichtbij-submitted', { result: 'sent', id: result.id, reference: result.receipt.reference });
      } else {
        this.#queuedId = result.id;
        this.#watchOutbox(true);
        this.#set({ phase: 'queued', queuedReason: result.reason, announcement: '' });
        emit(this.#host, 'dichtbij-submitted', { result: 'queued', id: result.id });
      }
      await this.#focus('#result-title');
    } catch (error) {
      const known = isDichtbijError(error) ? error : undefined;
      const code = known?.code ?? 'server';
      const refused = code === 'validation' && !!known?.fields.some((f) => f.field.split('.')[0] === 'phone');
      this.#set({
        phase: 'form',
        announcement: '',
        ...(refused
          ? { phoneProblem: 'refused' as const, summary: true }
          : {
              problem:
                code === 'rate_limited'
                  ? { kind: 'rate_limited' as const, wait: retryWait(known?.retryAfter, this.#context.now()) }
                  : { kind: 'failed' as const, why: sendProblem(code) },
            }),
      });
      emit(this.#host, 'dichtbij-error', { code, message: error instanceof Error ? error.message : String(error) });
      await this.#focus(refused ? '.error-summary' : '.problem');
    } finally {
      this.#sending = false;
    }
  };

  #onOutboxSent = (event: Event) => {
    const detail = (event as CustomEvent<{ id: string; receipt: CallbackReceipt }>).detail;
    if (!this.#queuedId || detail?.id !== this.#queuedId) return;
    this.#watchOutbox(false);
    this.#queuedId = undefined;
    this.#set({
      receipt: detail.receipt,
      phase: 'sent',
      announcement: `${formStrings[this.#context.locale()].sentLater} ${this.#sentText(detail.receipt)}`,
    });
    emit(this.#host, 'dichtbij-submitted', { result: 'sent', id: detail.id, reference: detail.receipt.reference });
  };

  #onOutboxFailed = (event: Event) => {
    const detail = (event as CustomEvent<OutboxFailedDetail>).detail;
    if (!this.#queuedId || detail?.id !== this.#queuedId) return;
    this.#watchOutbox(false);
    this.#queuedId = undefined;
    const { error } = detail;
    const why: SendProblem =
      detail.reason === 'gave_up' ? 'gave_up' : sendProblem(isDichtbijError(error) ? error.code : 'server');
    // Back to the form: what the resident entered is still in it.
    this.#set({ phase: 'form', problem: { kind: 'failed', why } });
    void this.#focus('.problem');
    emit(this.#host, 'dichtbij-error', {
      code: isDichtbijError(error) ? error.code : 'server',
      message: error instanceof Error ? error.message : String(error),
    });
  };

  // ---------------------------------------------------------------------------------------
  // Helpers

  #set(patch: Partial<FormState>) {
    Object.assign(this.#state, patch);
    this.#host.requestUpdate();
  }

  #root() {
    return this.#host.renderRoot;
  }

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#root().querySelector<HTMLElement>(selector)?.focus();
  }

  #phoneOptions() {
    return {
      allowInternational: !!this.#context.config.callback.allowInternational,
      ...(this.#international ? { international: this.#international } : {}),
    };
  }

  #reset() {
    this.#set({
      phase: 'form',
      receipt: undefined,
      problem: undefined,
      phoneProblem: undefined,
      slotGone: false,
      summary: false,
      question: '',
      preferred: 'asap',
    });
  }

  #watchOutbox(on: boolean) {
    const { outbox } = this.#context.client;
    if (on) {
      outbox.addEventListener('sent', this.#onOutboxSent);
      outbox.addEventListener('failed', this.#onOutboxFailed);
    } else {
      outbox.removeEventListener('sent', this.#onOutboxSent);
      outbox.removeEventListener('failed', this.#onOutboxFailed);
    }
  }
}
