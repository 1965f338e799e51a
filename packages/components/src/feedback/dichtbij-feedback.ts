import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DichtbijError, isDichtbijError } from '@dichtbij/sdk/errors';
import {
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_REASONS,
  commentLength,
  feedbackSessionKey,
  isChannel,
  isContactReference,
  parseFeedbackLink,
  piiKinds,
  readFeedbackSession,
  writeFeedbackSession,
  type FeedbackLink,
} from '@dichtbij/sdk/feedback-link';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import { isOffline, residentCode } from '@dichtbij/sdk/code';
import type { OutboxFailedDetail, QueuedReason } from '@dichtbij/sdk/outbox';
import type { FeedbackInput, FeedbackReason } from '@dichtbij/sdk/schemas/feedback';
import type { PageContext } from '@dichtbij/sdk/schemas/common';
import type { PiiFinding } from '@dichtbij/sdk/pii';
import { DichtbijElement } from '../shared/dichtbij-element.ts';
import type * as LazyModule from './lazy.ts';
import { emit, type ErrorDetail } from '../shared/events.ts';
import { feedbackStyles } from './feedback.styles.ts';
import { listOf, strings, type FeedbackStrings } from './strings.ts';

type Field = 'score' | 'comment' | 'phone';
interface FieldError {
  field: Field;
  message: string;
}
type Variant = 'page' | 'score';
/** The personal-data guard, phone check and input builder, loaded on first interaction. */
type Lazy = typeof LazyModule;

const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** The character count is announced after a pause in typing, and only near the limit. */
const ANNOUNCE_DELAY = 1000;
const ANNOUNCE_FROM = 50;
const FIELD_TARGET: Record<Field, string> = { score: 'score-1', comment: 'comment', phone: 'phone' };
const ignore = () => undefined;

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // blocked by privacy settings
  }
}

/** A native heading of the configured level (1–6). */
function heading(level: number, id: string, text: string, focusable = false, extra = ''): TemplateResult {
  const cls = `heading ${extra}`;
  const tabindex = focusable ? '-1' : nothing;
  switch (level) {
    case 1:
      return html`<h1 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h1>`;
    case 3:
      return html`<h3 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h4>`;
    case 5:
      return html`<h5 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h5>`;
    case 6:
      return html`<h6 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h6>`;
    default:
      return html`<h2 id=${id} class=${cls} part="heading" tabindex=${tabindex}>${text}</h2>`;
  }
}

/**
 * Asks a resident, in a few seconds and without personal data, whether a page helped
 * (`variant="page"`: Ja / Nee, and after "Nee" what could be better) or what score (1–10) they
 * give a contact (`variant="score"`). Sends through the Dichtbij client with the page address
 * (query string removed, see the SDK's `feedbackPageUrl`), title, locale, variant, channel and
 * contact. Offline or when the backend is down the response is kept in the outbox and sent
 * later, and the resident is told so. Free text is checked for a BSN, phone number, e-mail
 * address and IBAN; a detected BSN is never sent. Once answered, the same page shows the
 * thank-you state for the rest of the session (sessionStorage, written only after sending).
 *
 * E-mail links pre-select a score: `?dichtbij-score=8&dichtbij-contact=KC-123&dichtbij-channel=e-mail`
 * (see README.md in this folder).
 *
 * @tagname dichtbij-feedback
 * @summary Page usefulness (Ja/Nee) or a 1–10 score for a contact, privacy-safe and never lost.
 *
 * @fires {CustomEvent<SubmittedDetail>} dichtbij-submitted - Sent (`{ result: 'sent', id }`) or kept to send later (`{ result: 'queued', id }`);
 *   fires again with `result: 'sent'` and the same `id` when a queued response has been delivered.
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - `{ code, message }`: `config` when there is no client; `rate_limited`, `validation`,
 *   `unauthorized`, `not_found`, `network`, `timeout` or `server` when sending failed (the input is kept).
 * @fires {CustomEvent<HandoffDetail>} dichtbij-handoff - After "Nee", "Bel mij terug" / "Chat met ons": `{ to: 'callback' | 'chat', source: 'feedback', page, summary }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The question or thank-you heading.
 * @csspart option - A Ja/Nee button or a score box.
 * @csspart contact - The gemeente's phone number and hours, shown when a reaction could not be sent.
 * @csspart scale - The row of score boxes 1–10.
 * @csspart textarea - The free-text field.
 * @csspart counter - The character counter.
 * @csspart warning - The personal-data warning.
 * @csspart error-summary - The list of problems shown after sending failed or the form is incomplete.
 * @csspart submit - The send button.
 * @csspart status - The live region with the result (sent, queued).
 * @csspart offer - The offer to continue by phone or chat after "Nee".
 * @csspart handoff - A "Bel mij terug" / "Chat met ons" button.
 * @csspart notice - The short notice shown when the element is not configured.
 *
 * @cssprop --dichtbij-feedback-color - Text colour (→ --dichtbij-text-color → NL DS document colour).
 * @cssprop --dichtbij-feedback-background-color - Background (→ --dichtbij-background-color).
 * @cssprop --dichtbij-feedback-font-family - Font (→ --dichtbij-text-font-family).
 * @cssprop --dichtbij-feedback-font-size - Font size (→ --dichtbij-text-font-size).
 * @cssprop --dichtbij-feedback-border-radius - Corners of messages and score boxes (→ --dichtbij-border-radius).
 * @cssprop --dichtbij-feedback-button-background-color - Send button (→ --dichtbij-button-primary-background-color → --nl-button-primary-background-color).
 * @cssprop --dichtbij-feedback-button-color - Send button text (→ --dichtbij-button-primary-color).
 * @cssprop --dichtbij-feedback-button-hover-background-color - Send button on hover.
 * @cssprop --dichtbij-feedback-button-active-background-color - Send button while pressed.
 * @cssprop --dichtbij-feedback-button-border-radius - Button corners (→ --dichtbij-button-border-radius).
 * @cssprop --dichtbij-feedback-option-border-color - Border of the score boxes (→ --dichtbij-border-color).
 * @cssprop --dichtbij-feedback-option-selected-background-color - Chosen score and the open "Nee" (→ the primary button colour).
 * @cssprop --dichtbij-feedback-option-selected-color - Text of the chosen score and the open "Nee".
 * @cssprop --dichtbij-feedback-max-inline-size - Maximum width (default 40rem).
 * @cssprop [--dichtbij-accent-color=#1a4d8f] - Radio buttons and checkboxes (→ --basis-form-control-accent-color).
 * @cssprop [--dichtbij-background-color=#ffffff] - Background (→ --utrecht-document-background-color → --basis-color-default-bg-document).
 * @cssprop [--dichtbij-border-color=#6b6b6b] - Borders (→ --basis-form-control-border-color).
 * @cssprop [--dichtbij-border-radius=4px] - Corners of messages and boxes (→ --basis-border-radius-md).
 * @cssprop [--dichtbij-border-width=1px] - Border width (→ --basis-form-control-border-width).
 * @cssprop [--dichtbij-button-border-radius=4px] - Button corners (→ --nl-button-border-radius → --utrecht-button-border-radius).
 * @cssprop [--dichtbij-button-primary-active-background-color=#0f2f58] - Primary button while pressed (→ --nl-button-primary-active-background-color → --utrecht-button-primary-action-active-background-color → --basis-color-action-1-inverse-bg-active).
 * @cssprop [--dichtbij-button-primary-background-color=#1a4d8f] - Primary button background (→ --nl-button-primary-background-color → --utrecht-button-primary-action-background-color → --basis-color-action-1-inverse-bg-default).
 * @cssprop [--dichtbij-button-primary-color=#ffffff] - Primary button text (→ --nl-button-primary-color → --utrecht-button-primary-action-color → --basis-color-action-1-inverse-color-default).
 * @cssprop [--dichtbij-button-primary-hover-background-color=#143d72] - Primary button on hover (→ --nl-button-primary-hover-background-color → --utrecht-button-primary-action-hover-background-color → --basis-color-action-1-inverse-bg-hover).
 * @cssprop [--dichtbij-button-secondary-border-color=#1a4d8f] - Secondary button border (→ --nl-button-secondary-border-color → --utrecht-button-secondary-action-border-color → --basis-color-action-1-border-default).
 * @cssprop [--dichtbij-button-secondary-color=#1a4d8f] - Secondary button text (→ --nl-button-secondary-color → --utrecht-button-secondary-action-color → --basis-color-action-1-color-default).
 * @cssprop [--dichtbij-button-secondary-hover-background-color=#e8eef7] - Secondary button on hover (→ --nl-button-secondary-hover-background-color → --utrecht-button-secondary-action-hover-background-color → --basis-color-action-1-bg-hover).
 * @cssprop [--dichtbij-error-background-color=#fdecec] - Error message background (→ --utrecht-alert-error-background-color → --basis-color-negative-bg-default).
 * @cssprop [--dichtbij-error-border-color=#c42b2b] - Error message border (→ --utrecht-alert-error-border-color → --basis-color-negative-border-default).
 * @cssprop [--dichtbij-error-color=#9b1b1b] - Error text (→ --utrecht-alert-error-color → --basis-color-negative-color-document).
 * @cssprop [--dichtbij-focus-outline-color=#1b1b1f] - Focus outline colour (→ --basis-focus-outline-color → --utrecht-focus-outline-color).
 * @cssprop [--dichtbij-focus-outline-offset=2px] - Focus outline offset (→ --basis-focus-outline-offset → --utrecht-focus-outline-offset).
 * @cssprop [--dichtbij-focus-outline-style=solid] - Focus outline style (→ --basis-focus-outline-style → --utrecht-focus-outline-style).
 * @cssprop [--dichtbij-focus-outline-width=2px] - Focus outline width (→ --basis-focus-outline-width → --utrecht-focus-outline-width).
 * @cssprop --dichtbij-heading-font-family - Heading font (→ --dichtbij-text-font-family → --basis-heading-font-family → --utrecht-document-font-family → --basis-text-font-family-default; default: the system font stack).
 * @cssprop [--dichtbij-heading-font-size=1.25rem] - Heading size (→ --basis-text-font-size-lg).
 * @cssprop [--dichtbij-heading-font-weight=700] - Heading weight (→ --basis-heading-font-weight).
 * @cssprop [--dichtbij-heading-line-height=1.25] - Heading line height (→ --basis-text-line-height-lg).
 * @cssprop [--dichtbij-info-background-color=#e7f0f9] - Notice background (→ --utrecht-alert-info-background-color → --basis-color-info-bg-default).
 * @cssprop [--dichtbij-info-border-color=#2f6fb0] - Notice border (→ --utrecht-alert-info-border-color → --basis-color-info-border-default).
 * @cssprop [--dichtbij-info-color=#0f4473] - Notice text (→ --utrecht-alert-info-color → --basis-color-info-color-document).
 * @cssprop [--dichtbij-input-background-color=#ffffff] - Text field background (→ --utrecht-textbox-background-color → --basis-form-control-background-color).
 * @cssprop [--dichtbij-input-border-color=#6b6b6b] - Text field border (→ --utrecht-textbox-border-color → --basis-form-control-border-color).
 * @cssprop [--dichtbij-input-border-radius=4px] - Text field corners (→ --utrecht-textbox-border-radius → --basis-form-control-border-radius).
 * @cssprop [--dichtbij-input-color=#1b1b1f] - Text field text (→ --utrecht-textbox-color → --basis-form-control-color).
 * @cssprop [--dichtbij-link-color=#1a4d8f] - Links and link-style buttons (→ --nl-link-color → --utrecht-link-color).
 * @cssprop [--dichtbij-pointer-target-min-size=2.75rem] - Minimum size of buttons and other targets (→ --basis-pointer-target-min-block-size).
 * @cssprop [--dichtbij-space-lg=1rem] - Space, large (→ --basis-space-block-xl).
 * @cssprop [--dichtbij-space-md=0.75rem] - Space, medium (→ --basis-space-block-lg).
 * @cssprop [--dichtbij-space-sm=0.5rem] - Space, small (→ --basis-space-block-md).
 * @cssprop [--dichtbij-space-xl=1.5rem] - Space, extra large (→ --basis-space-block-3xl).
 * @cssprop [--dichtbij-space-xs=0.25rem] - Space, extra small (→ --basis-space-block-sm).
 * @cssprop [--dichtbij-success-background-color=#e6f4ea] - Success message background (→ --utrecht-alert-ok-background-color → --basis-color-positive-bg-default).
 * @cssprop [--dichtbij-success-border-color=#2e8540] - Success message border (→ --utrecht-alert-ok-border-color → --basis-color-positive-border-default).
 * @cssprop [--dichtbij-success-color=#19592a] - Success text (→ --utrecht-alert-ok-color → --basis-color-positive-color-document).
 * @cssprop [--dichtbij-surface-background-color=#f3f4f6] - Subtle surfaces, e.g. a disabled button (→ --basis-color-default-bg-subtle).
 * @cssprop [--dichtbij-text-color=#1b1b1f] - Text colour (→ --utrecht-document-color → --basis-color-default-color-document).
 * @cssprop --dichtbij-text-font-family - Font (→ --utrecht-document-font-family → --basis-text-font-family-default; default: the system font stack).
 * @cssprop [--dichtbij-text-font-size=1rem] - Font size (→ --utrecht-document-font-size → --basis-text-font-size-md).
 * @cssprop [--dichtbij-text-font-weight-bold=700] - Bold text: labels, buttons (→ --basis-text-font-weight-bold).
 * @cssprop [--dichtbij-text-line-height=1.5] - Line height (→ --utrecht-document-line-height → --basis-text-line-height-md).
 * @cssprop [--dichtbij-text-muted-color=#595959] - Secondary text (hints, descriptions, placeholders) (→ --basis-color-default-color-subtle).
 * @cssprop [--dichtbij-text-small-font-size=0.875rem] - Small text (→ --basis-text-font-size-sm).
 * @cssprop [--dichtbij-warning-background-color=#fff3dc] - Warning message background (→ --utrecht-alert-warning-background-color → --basis-color-warning-bg-default).
 * @cssprop [--dichtbij-warning-border-color=#b36b00] - Warning message border (→ --utrecht-alert-warning-border-color → --basis-color-warning-border-default).
 * @cssprop [--dichtbij-warning-color=#6b4300] - Warning text (→ --utrecht-alert-warning-color → --basis-color-warning-color-document).

 */
export class DichtbijFeedback extends DichtbijElement {
  static override styles = feedbackStyles;

  /** `page` (default): "Was deze informatie nuttig?"; `score`: a 1–10 score for a contact. */
  @property({ reflect: true }) variant: Variant = 'page';

  /** Where the contact took place: website (default) | telefoon | e-mail | balie | chat. */
  @property({ reflect: true }) channel?: string;

  /** Reference of the contact the score is about (letters, digits, `.`, `_`, `-`; e.g. "KC-123"). */
  @property({ reflect: true }) contact?: string;

  /** Level (1–6) of the element's heading, to fit the page's outline. Default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /**
   * Space-separated query parameters that identify the page in your CMS and may be sent with
   * the page address (e.g. `keep-params="id L"`). Default: the query string is never sent.
   */
  @property({ attribute: 'keep-params' }) keepParams?: string;

  @state() private phase: 'form' | 'thanks' = 'form';
  @state() private useful?: boolean;
  @state() private expanded = false;
  @state() private reasons: FeedbackReason[] = [];
  @state() private comment = '';
  @state() private score?: number;
  @state() private callMe = false;
  @state() private phone = '';
  @state() private sending = false;
  @state() private errors: FieldError[] = [];
  @state() private failure?: string;
  /** "U kunt ons ook bellen op …" after a failure (from the gemeente's configuration). */
  @state() private contactText = '';
  @state() private result?: 'sent' | 'queued' | 'already';
  @state() private status = '';
  @state() private statusKind: 'pending' | 'success' | 'info' | 'error' = 'success';
  @state() private announcement = '';
  @state() private prefilledScore?: number;

  #busy = false;
  #lazy?: Lazy;
  #lazyLoading?: Promise<Lazy>;
  #link: FeedbackLink = {};
  #pii: PiiFinding[] = [];
  #announcedPii = '';
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #sessionKey?: string;
  #lastInput?: FeedbackInput;
  #submittedId?: string;
  #queuedReason: QueuedReason = 'network';
  /** Waiting for `online` to load the form's code and send (offline before it had loaded). */
  #waiting?: () => void;
  #watched?: DichtbijClient;
  #configReported = false;
  #configProblem = '';
  #focusNext?: string;

  // ---------------------------------------------------------------------------------------
  // Lifecycle

  constructor() {
    super();
    // The first sign of interaction loads the guard, before the resident has typed a word.
    this.addEventListener('focusin', this.#preload);
    this.addEventListener('pointerdown', this.#preload);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.result === 'queued' && this.#watched) this.#watch(this.#watched);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
    this.#unwatch(false);
    this.#stopWaiting();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated) this.#init();
    if (changed.has('comment')) {
      this.#pii = this.#lazy?.findPii(this.comment) ?? [];
      if (!this.#lazy && this.comment) this.#preload();
    }
  }

  protected override firstUpdated(): void {
    // Also when the browser is idle: a resident who goes offline before touching the form can still send.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number })
      .requestIdleCallback;
    if (idle) idle(this.#preload, { timeout: 5000 });
    else setTimeout(this.#preload, 2000);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.#configReported && !this.#client()) {
      this.#configReported = true;
      this.#reportConfig();
    }
    if (this.#focusNext) {
      this.renderRoot.querySelector<HTMLElement>(`#${this.#focusNext}`)?.focus();
      this.#focusNext = undefined;
    }
  }

  /** First update: e-mail link prefill and the once-per-session check (reads only). */
  #init(): void {
    this.#link = parseFeedbackLink(globalThis.location?.href ?? '');
    if (this.variant === 'score' && this.#link.score !== undefined && this.score === undefined) {
      this.score = this.#link.score;
      this.prefilledScore = this.#link.score;
    }
    const href = globalThis.location?.href ?? '';
    this.#sessionKey = feedbackSessionKey(href, this.#variant, this.#contact, this.#keepParams);
    const record = readFeedbackSession(sessionStore(), this.#sessionKey);
    if (record) {
      this.phase = 'thanks';
      this.result = 'already';
      this.useful = record.useful;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Derived values

  get #variant(): Variant {
    return this.variant === 'score' ? 'score' : 'page';
  }
  get #channel() {
    return isChannel(this.channel) ? this.channel : (this.#link.channel ?? 'website');
  }
  get #contact(): string | undefined {
    return isContactReference(this.contact) ? this.contact : this.#link.contact;
  }
  get #level(): number {
    const n = Number(this.headingLevel);
    return Number.isInteger(n) && n >= 1 && n <= 6 ? n : 2;
  }
  get #strings(): FeedbackStrings {
    return strings[this.resolvedLocale];
  }
  get #keepParams(): string[] {
    return this.keepParams?.split(/[\s,]+/).filter(Boolean) ?? [];
  }
  #page(lazy: Lazy): PageContext | undefined {
    return lazy.feedbackPage(globalThis.location?.href ?? '', globalThis.document?.title, {
      keepParams: this.#keepParams,
    });
  }
  #load(): Promise<Lazy> {
    // Not while offline: Chromium would remember the failed fetch until the page is reloaded.
    if (!this.#lazyLoading && isOffline()) return Promise.reject(new DichtbijError('network', 'offline'));
    this.#lazyLoading ??= import('./lazy.ts').then(
      (lazy) => {
        this.#lazy = lazy;
        this.#pii = lazy.findPii(this.comment);
        this.requestUpdate();
        return lazy;
      },
      (error: unknown) => {
        this.#lazyLoading = undefined; // try again next time
        throw error;
      },
    );
    return this.#lazyLoading;
  }
  /** The form's code and what sending needs (schemas, adapter), so that a resident who goes offline can still send. */
  #preload = () => {
    void this.#load().catch(ignore);
    void this.#client()?.prepare();
  };
  /** The resolved client; an unusable `api` counts as "not configured". */
  #client(): DichtbijClient | undefined {
    try {
      return this.resolvedClient;
    } catch (error) {
      this.#configProblem = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }
  #error(field: Field): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }

  // ---------------------------------------------------------------------------------------
  // Render

  protected override render() {
    const s = this.#strings;
    const configured = this.#client() !== undefined;
    let body: unknown;
    if (this.phase === 'thanks') body = this.#renderThanks(s);
    else if (!configured) body = html`<p class="muted" part="notice">${s.notConfigured}</p>`;
    else body = this.#variant === 'score' ? this.#renderScore(s) : this.#renderPage(s);
    const statusClass = `message--${this.statusKind}`;
    return html`<div class="base" part="base" lang=${this.resolvedLocale}>
      ${body}
      ${
        // "Wordt verstuurd…" is shown, not announced: the live region changes once per send, with the result.
        this.status && this.statusKind === 'pending'
          ? html`<p class="message ${statusClass}">${this.status}</p>`
          : nothing
      }
      <div role="status" part="status">
        ${this.status && this.statusKind !== 'pending' ? html`<p class="message ${statusClass}">${this.status}</p>` : nothing}
      </div>
      ${this.phase === 'thanks' ? this.#renderOffer(s) : nothing}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderPage(s: FeedbackStrings) {
    const busy = this.sending ? 'true' : 'false';
    return html`
      ${heading(this.#level, 'question', s.pageQuestion)}
      <div class="actions" role="group" aria-labelledby="question">
        <button
          type="button"
          class="button button--secondary"
          part="option"
          aria-disabled=${busy}
          @click=${this.#onYes}
        >
          ${s.yes}
        </button>
        <button
          type="button"
          class="button button--secondary"
          part="option"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls=${this.expanded ? 'details' : nothing}
          aria-disabled=${busy}
          @click=${this.#onNo}
        >
          ${s.no}
        </button>
      </div>
      ${this.#renderSummary(s)}
      ${
        this.expanded
          ? html`<form id="details" novalidate @submit=${this.#onSubmit}>
              <fieldset class="fieldset" aria-describedby="reasons-hint">
                <legend class="legend">${s.improveLegend}</legend>
                <p class="description" id="reasons-hint">${s.improveHint}</p>
                ${FEEDBACK_REASONS.map(
                  (reason) =>
                    html`<label class="choice">
                      <input
                        type="checkbox"
                        name="reason"
                        .value=${reason}
                        .checked=${this.reasons.includes(reason)}
                        @change=${this.#onReason}
                      />
                      <span>${s.reasons[reason]}</span>
                    </label>`,
                )}
              </fieldset>
              ${this.#renderComment(s, s.commentLabelPage)} ${this.#renderHoneypot(s)} ${this.#renderSubmit(s)}
            </form>`
          : nothing
      }
    `;
  }

  #renderScore(s: FeedbackStrings) {
    const error = this.#error('score');
    const prefilled = this.prefilledScore !== undefined && this.score === this.prefilledScore;
    const describedBy = ['score-hint', error ? 'score-error' : '', prefilled ? 'score-prefill' : '']
      .filter(Boolean)
      .join(' ');
    return html`
      ${heading(this.#level, 'question', s.scoreHeading)} ${this.#renderSummary(s)}
      <form novalidate @submit=${this.#onSubmit}>
        <fieldset class="fieldset ${error ? 'invalid' : ''}" aria-describedby=${describedBy}>
          <legend class="legend">${s.scoreLegend}</legend>
          <p class="description" id="score-hint">${s.scoreHint}</p>
          ${error ? html`<p class="field-error" id="score-error">${error}</p>` : nothing}
          <div class="scale" part="scale">
            ${SCORES.map(
              (n) =>
                html`<label class="score" part="option">
                  <input
                    type="radio"
                    name="score"
                    id=${`score-${n}`}
                    .value=${String(n)}
                    .checked=${this.score === n}
                    @change=${this.#onScore}
                  />
                  <span>${n}</span>
                </label>`,
            )}
          </div>
          ${prefilled ? html`<p class="description" id="score-prefill">${s.prefilled(this.prefilledScore!)}</p>` : nothing}
        </fieldset>
        ${this.#renderComment(s, s.commentLabelScore)}
        <fieldset class="fieldset">
          <legend class="legend">${s.callLegend}</legend>
          <label class="choice">
            <input type="checkbox" name="call" .checked=${this.callMe} @change=${this.#onCallMe} />
            <span>${s.callLabel}</span>
          </label>
          ${this.callMe ? this.#renderPhone(s) : nothing}
        </fieldset>
        ${this.#renderHoneypot(s)} ${this.#renderSubmit(s)}
      </form>
    `;
  }

  #renderComment(s: FeedbackStrings, label: string) {
    const error = this.#error('comment');
    const length = commentLength(this.comment);
    const left = FEEDBACK_COMMENT_MAX - length;
    const kinds = piiKinds(this.#pii);
    const describedBy = [
      'comment-hint',
      error ? 'comment-error' : '',
      'comment-count',
      kinds.length ? 'comment-pii' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label class="label" for="comment">${label}</label>
      <p class="description" id="comment-hint">${s.commentHint}</p>
      ${error ? html`<p class="field-error" id="comment-error">${error}</p>` : nothing}
      <textarea
        class="textarea"
        id="comment"
        name="comment"
        rows="4"
        part="textarea"
        .value=${this.comment}
        aria-describedby=${describedBy}
        aria-invalid=${error ? 'true' : 'false'}
        @input=${this.#onComment}
      ></textarea>
      <p class="counter ${left < 0 ? 'counter--over' : ''}" part="counter" id="comment-count">
        ${left < 0 ? s.charsOver(-left) : s.charsLeft(left)}
      </p>
      ${
        kinds.length
          ? html`<div class="message message--warning" part="warning" id="comment-pii">
              <p>${this.#piiText(s, kinds)}</p>
              <button type="button" class="button button--link" @click=${this.#onRemovePii}>${s.piiRemove}</button>
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderPhone(s: FeedbackStrings) {
    const error = this.#error('phone');
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label class="label" for="phone">${s.phoneLabel}</label>
      <p class="description" id="phone-hint">${s.phoneHint}</p>
      ${error ? html`<p class="field-error" id="phone-error">${error}</p>` : nothing}
      <input
        class="input"
        id="phone"
        name="phone"
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        .value=${this.phone}
        aria-describedby=${error ? 'phone-hint phone-error' : 'phone-hint'}
        aria-invalid=${error ? 'true' : 'false'}
        @input=${this.#onPhone}
      />
    </div>`;
  }

  /** Invisible to people and assistive technology, not focusable; bots fill it in. */
  #renderHoneypot(s: FeedbackStrings) {
    return html`<div class="visually-hidden" aria-hidden="true">
      <label>${s.honeypotLabel} <input type="text" name="website" tabindex="-1" autocomplete="off" /></label>
    </div>`;
  }

  #renderSubmit(s: FeedbackStrings) {
    return html`<div class="actions">
      <button
        type="submit"
        class="button button--primary"
        part="submit"
        aria-disabled=${this.sending ? 'true' : 'false'}
      >
        ${s.submit}
      </button>
    </div>`;
  }

  #renderSummary(s: FeedbackStrings) {
    if (!this.errors.length && !this.failure) return nothing;
    return html`<div
      class="message message--error error-summary"
      part="error-summary"
      id="error-summary"
      role="group"
      aria-labelledby="error-title"
      tabindex="-1"
    >
      ${heading(Math.min(this.#level + 1, 6), 'error-title', s.errorTitle, false, 'title')}
      ${this.failure ? html`<p>${this.failure}</p>` : nothing}
      ${this.failure && this.contactText ? html`<p part="contact">${this.contactText}</p>` : nothing}
      ${
        this.errors.length
          ? html`<ul>
              ${this.errors.map(
                (e) =>
                  html`<li>
                    <a href=${`#${FIELD_TARGET[e.field]}`} @click=${(event: Event) => this.#focusField(event, e.field)}
                      >${e.message}</a
                    >
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #renderThanks(s: FeedbackStrings) {
    return html`${heading(this.#level, 'thanks', s.thanksHeading, true)}
    ${this.result === 'already' ? html`<p>${s.alreadyAnswered}</p>` : nothing}`;
  }

  #renderOffer(s: FeedbackStrings) {
    if (this.#variant !== 'page' || this.useful !== false) return nothing;
    return html`<div class="offer" part="offer">
      <p>${s.offerText}</p>
      <div class="actions">
        <button type="button" class="button button--secondary" part="handoff" @click=${() => this.#handoff('callback')}>
          ${s.offerCallback}
        </button>
        <button type="button" class="button button--secondary" part="handoff" @click=${() => this.#handoff('chat')}>
          ${s.offerChat}
        </button>
      </div>
    </div>`;
  }

  #piiText(s: FeedbackStrings, kinds: ReturnType<typeof piiKinds>): string {
    const text = s.piiWarning(
      listOf(
        this.resolvedLocale,
        kinds.map((k) => s.piiKinds[k]),
      ),
    );
    return kinds.includes('bsn') ? `${text} ${s.piiBsnNote}` : text;
  }

  // ---------------------------------------------------------------------------------------
  // Handlers

  #onYes = () => {
    if (this.#busy) return;
    this.useful = true;
    void this.#run(() => ({}));
  };

  #onNo = () => {
    if (this.#busy) return;
    this.useful = false;
    this.expanded = !this.expanded;
    this.failure = undefined;
    this.errors = [];
  };

  #onReason = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const reason = input.value as FeedbackReason;
    this.reasons = input.checked ? [...new Set([...this.reasons, reason])] : this.reasons.filter((r) => r !== reason);
  };

  #onScore = (event: Event) => {
    this.score = Number((event.target as HTMLInputElement).value);
    this.errors = this.errors.filter((e) => e.field !== 'score');
  };

  #onCallMe = (event: Event) => {
    this.callMe = (event.target as HTMLInputElement).checked;
    if (!this.callMe) this.errors = this.errors.filter((e) => e.field !== 'phone');
  };

  #onPhone = (event: Event) => {
    this.phone = (event.target as HTMLInputElement).value;
  };

  #onComment = (event: Event) => {
    this.comment = (event.target as HTMLTextAreaElement).value;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => this.#announceAfterTyping(), ANNOUNCE_DELAY);
  };

  /** After a pause in typing: a new personal-data warning, and the count near the limit. */
  #announceAfterTyping() {
    const s = this.#strings;
    const parts: string[] = [];
    const kinds = piiKinds(this.#pii);
    const key = kinds.join();
    if (key && key !== this.#announcedPii) parts.push(this.#piiText(s, kinds));
    this.#announcedPii = key;
    const left = FEEDBACK_COMMENT_MAX - commentLength(this.comment);
    if (left <= ANNOUNCE_FROM) parts.push(left < 0 ? s.charsOver(-left) : s.charsLeft(left));
    if (parts.length) this.announcement = parts.join(' ');
  }

  #onRemovePii = () => {
    if (!this.#lazy) return;
    this.comment = this.#lazy.removePii(this.comment, this.#pii);
    this.#announcedPii = '';
    this.announcement = this.#strings.piiRemoved;
    this.#focusNext = 'comment';
  };

  #focusField(event: Event, field: Field) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${FIELD_TARGET[field]}`)?.focus();
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    if (this.#busy) return;
    void this.#run((lazy) => this.#validate(lazy));
  };

  /** The form's problems, shown in the error summary; or what to send with it. */
  #validate(lazy: Lazy): { callbackPhone?: string } | undefined {
    const s = this.#strings;
    const errors: FieldError[] = [];
    let callbackPhone: string | undefined;
    if (this.#variant === 'score' && this.score === undefined) errors.push({ field: 'score', message: s.scoreMissing });
    const length = commentLength(this.comment);
    if (length > FEEDBACK_COMMENT_MAX) {
      errors.push({ field: 'comment', message: s.commentTooLong(FEEDBACK_COMMENT_MAX, length) });
    }
    if (this.#variant === 'score' && this.callMe) {
      const checked = lazy.checkPhone(this.phone);
      if (checked.ok) callbackPhone = checked.e164;
      else errors.push({ field: 'phone', message: s.phoneProblems[checked.problem] });
    }
    if (errors.length) {
      this.errors = errors;
      this.failure = undefined;
      this.#focusNext = 'error-summary';
      return undefined;
    }
    return callbackPhone ? { callbackPhone } : {};
  }

  async #handoff(to: 'callback' | 'chat') {
    const s = this.#strings;
    const lazy = this.#lazy ?? (await this.#load().catch(ignore));
    const page = lazy && this.#page(lazy);
    const parts = [s.summaryNotUseful];
    const input = this.#lastInput;
    if (input?.reasons?.length) {
      parts.push(
        s.summaryReasons(
          listOf(
            this.resolvedLocale,
            input.reasons.map((r) => s.reasons[r].toLowerCase()),
          ),
        ),
      );
    }
    if (input?.comment) parts.push(s.summaryComment(input.comment));
    emit(this, 'dichtbij-handoff', {
      to,
      source: 'feedback',
      ...(page ? { page } : {}),
      summary: parts.join(' ').slice(0, 2000),
    });
  }

  // ---------------------------------------------------------------------------------------
  // Sending

  /** One submission at a time: a second click while this runs does nothing. */
  async #run(check: (lazy: Lazy) => { callbackPhone?: string } | undefined) {
    if (this.#waiting) {
      this.status = this.#strings.waitingForConnection;
      return;
    }
    this.#busy = true;
    this.sending = true;
    try {
      let lazy: Lazy;
      try {
        lazy = await this.#load();
      } catch (error) {
        if (isOffline()) {
          // Offline before the code had loaded: keep everything, send when the connection is back.
          this.errors = [];
          this.failure = undefined;
          this.status = this.#strings.waitingForConnection;
          this.statusKind = 'info';
          this.#waiting = () => {
            this.#stopWaiting();
            this.status = '';
            void this.#run(check);
          };
          globalThis.addEventListener('online', this.#waiting);
          return;
        }
        this.#fail(new DichtbijError('network', 'dichtbij-feedback: could not load its form code', { cause: error }));
        return;
      }
      const extra = check(lazy);
      if (extra) await this.#send(lazy, extra);
    } finally {
      this.sending = false;
      this.#busy = false;
    }
  }

  #stopWaiting() {
    if (this.#waiting) globalThis.removeEventListener('online', this.#waiting);
    this.#waiting = undefined;
  }

  async #send(lazy: Lazy, extra: { callbackPhone?: string }) {
    const s = this.#strings;
    this.errors = [];
    this.failure = undefined;
    this.contactText = '';
    try {
      // A filled honeypot: a bot. Look like success, send nothing, remember nothing.
      const trap = this.renderRoot.querySelector<HTMLInputElement>('input[name="website"]');
      if (trap?.value) {
        this.#thanks(s.sent, 'success');
        return;
      }
      const client = this.#client();
      const page = this.#page(lazy);
      if (!client || !page) {
        this.#reportConfig(page ? undefined : 'dichtbij-feedback: the page has no http(s) address to send');
        this.failure = s.unavailable;
        this.#focusNext = 'error-summary';
        return;
      }
      const input = lazy.buildFeedbackInput({
        variant: this.#variant,
        useful: this.useful,
        score: this.score,
        reasons: this.reasons,
        comment: this.#variant === 'page' && this.useful === true ? '' : this.comment,
        channel: this.#channel,
        contact: this.#contact,
        callbackPhone: extra.callbackPhone,
        page,
        locale: this.resolvedLocale,
      });
      this.status = s.sending;
      this.statusKind = 'pending';
      const sent = await client.feedback.submit(input);
      this.#lastInput = input;
      if (this.#sessionKey) {
        writeFeedbackSession(
          sessionStore(),
          this.#sessionKey,
          input.variant === 'page' ? { useful: input.useful } : {},
        );
      }
      this.#submittedId = sent.id;
      this.result = sent.result;
      if (sent.result === 'queued') {
        this.#queuedReason = residentCode(sent.reason);
        this.#watch(client);
        this.#thanks(s.queued[this.#queuedReason], 'info');
      } else this.#thanks(s.sent, 'success');
      emit(this, 'dichtbij-submitted', { result: sent.result, id: sent.id });
    } catch (error) {
      this.status = '';
      this.#fail(error);
    }
  }

  #thanks(status: string, kind: 'success' | 'info') {
    this.phase = 'thanks';
    this.expanded = false;
    this.status = status;
    this.statusKind = kind;
    this.#focusNext = 'thanks';
  }

  #fail(error: unknown) {
    const s = this.#strings;
    const code: ErrorDetail['code'] = isDichtbijError(error) ? error.code : 'server';
    // A personal survey link (contact reference from the e-mail link) used before: one score per contact.
    if (isDichtbijError(error) && error.status === 409 && this.#contact) {
      this.#thanks(s.alreadyScored, 'info');
      emit(this, 'dichtbij-error', { code, message: error.message });
      return;
    }
    let message: string;
    // "No internet connection" only when the browser is offline; else the server did not answer.
    switch (residentCode(code)) {
      case 'rate_limited':
        message = s.rateLimited(isDichtbijError(error) ? error.retryAfter : undefined);
        break;
      case 'validation':
        message =
          isDichtbijError(error) && error.fields.some((f) => f.field === 'contact') ? s.badSurveyLink : s.rejected;
        break;
      case 'unauthorized':
      case 'not_found':
        message = s.unavailable;
        break;
      case 'server':
      case 'timeout':
        message = s.serverDown;
        break;
      case 'bad_response':
        message = s.badResponse;
        break;
      default:
        message = s.network;
    }
    if (code !== 'rate_limited') this.#showContact();
    // The backend named the phone number as invalid: point at that field too.
    const errors: FieldError[] = [];
    if (isDichtbijError(error)) {
      for (const f of error.fields) {
        if (f.field === 'callbackPhone' && this.callMe && !errors.some((e) => e.field === 'phone')) {
          errors.push({ field: 'phone', message: s.phoneProblems.invalid });
        }
      }
    }
    this.failure = message;
    this.errors = errors;
    this.#focusNext = 'error-summary';
    emit(this, 'dichtbij-error', { code, message: isDichtbijError(error) ? error.message : message });
  }

  /** "U kunt ons ook bellen op …, Nu open tot 17:00", once the configuration is there. */
  #showContact() {
    const client = this.#client();
    if (!client) return;
    const locale = this.resolvedLocale;
    client.contact({ locale }).then((c) => {
      if (this.failure) this.contactText = strings[locale].callUs(c.phone, c.hours);
    }, ignore);
  }

  #reportConfig(problem?: string) {
    const message =
      problem ??
      `dichtbij-feedback is not configured${this.#configProblem ? ` (${this.#configProblem})` : ''}: set the client property, the api attribute, or place it inside <dichtbij-config>`;
    emit(this, 'dichtbij-error', { code: 'config', message });
  }

  // ---------------------------------------------------------------------------------------
  // Outbox: tell the resident when a queued response has gone out

  #watch(client: DichtbijClient) {
    this.#unwatch(false);
    this.#watched = client;
    client.outbox.addEventListener('sent', this.#onOutboxSent);
    client.outbox.addEventListener('failed', this.#onOutboxFailed);
  }

  #unwatch(forget = true) {
    this.#watched?.outbox.removeEventListener('sent', this.#onOutboxSent);
    this.#watched?.outbox.removeEventListener('failed', this.#onOutboxFailed);
    if (forget) this.#watched = undefined;
  }

  #onOutboxSent = (event: Event) => {
    const id = (event as CustomEvent<{ id?: string }>).detail?.id;
    if (!id || id !== this.#submittedId || this.result !== 'queued') return;
    this.#unwatch();
    this.result = 'sent';
    this.status = this.#queuedReason === 'network' ? this.#strings.queuedNowSent : this.#strings.queuedNowSentLater;
    this.statusKind = 'success';
    emit(this, 'dichtbij-submitted', { result: 'sent', id });
  };

  /** Given up or refused after it was queued: back to the form with what the resident entered, and a phone number. */
  #onOutboxFailed = (event: Event) => {
    const detail = (event as CustomEvent<Partial<OutboxFailedDetail>>).detail;
    if (!detail?.id || detail.id !== this.#submittedId || this.result !== 'queued') return;
    this.#unwatch();
    const s = this.#strings;
    this.result = undefined;
    this.phase = 'form';
    this.expanded = this.#variant === 'page' && this.useful === false;
    this.status = '';
    this.failure = detail.reason === 'gave_up' ? s.queuedGaveUp : s.queuedFailed;
    this.#focusNext = 'error-summary';
    // Not answered after all: the form may be used again on this page.
    try {
      if (this.#sessionKey) sessionStore()?.removeItem(this.#sessionKey);
    } catch {
      // storage blocked
    }
    this.#showContact();
    const error = detail.error;
    emit(this, 'dichtbij-error', {
      code: isDichtbijError(error) ? error.code : 'server',
      message: isDichtbijError(error) ? error.message : this.failure,
    });
  };
}
