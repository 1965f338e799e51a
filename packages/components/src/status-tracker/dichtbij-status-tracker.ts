import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isDichtbijError, type DichtbijErrorCode } from '@dichtbij/sdk/errors';
import type { CaseStatus } from '@dichtbij/sdk/schemas/case';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import { caseChange, casesChange, caseView, type CaseStepView, type CaseView } from '@dichtbij/sdk/case-view';
import { DichtbijElement } from '../shared/dichtbij-element.ts';
import { emit } from '../shared/events.ts';
import { statusTrackerStyles } from './status-tracker.styles.ts';
import { strings, type StatusTrackerStrings } from './strings.ts';

type Problem = 'not_found' | 'unauthorized' | 'unavailable' | 'rate_limited';
type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'case'; status: CaseStatus }
  | { kind: 'list'; cases: CaseStatus[] }
  | { kind: 'error'; problem: Problem; retryAfter?: number | undefined };
type Target = { mine: true } | { mine: false; reference: string; check?: string | undefined };
type LoadKind = 'initial' | 'refresh' | 'poll';

const POSTCODE = /^[1-9][0-9]{3} ?[A-Z]{2}$/;
const REFERENCE = /^[A-Z0-9][A-Z0-9 ._/-]{0,63}$/i;

/** A heading of the configured level (1–6); sub-headings are one level deeper. */
function heading(level: number, content: unknown, cls = 'heading', focusable = false): TemplateResult {
  const tabindex = focusable ? '-1' : nothing;
  switch (Math.min(6, Math.max(1, level))) {
    case 1:
      return html`<h1 class=${cls} part="heading" tabindex=${tabindex}>${content}</h1>`;
    case 2:
      return html`<h2 class=${cls} part="heading" tabindex=${tabindex}>${content}</h2>`;
    case 3:
      return html`<h3 class=${cls} part="heading" tabindex=${tabindex}>${content}</h3>`;
    case 4:
      return html`<h4 class=${cls} part="heading" tabindex=${tabindex}>${content}</h4>`;
    case 5:
      return html`<h5 class=${cls} part="heading" tabindex=${tabindex}>${content}</h5>`;
    default:
      return html`<h6 class=${cls} part="heading" tabindex=${tabindex}>${content}</h6>`;
  }
}

/** Only a shape the renderer can rely on (adapters parse with the SDK schemas; this guards custom ones). */
function looksLikeCase(value: unknown): value is CaseStatus {
  const c = value as CaseStatus | null;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.reference === 'string' &&
    typeof c.title === 'string' &&
    typeof c.closed === 'boolean' &&
    Array.isArray(c.steps) &&
    c.steps.every(
      (s) => !!s && typeof s.title === 'string' && ['done', 'current', 'upcoming'].includes(s.state as string),
    )
  );
}

/**
 * Track & trace for a resident's case (zaak): where the application stands, which steps are
 * done, what happens now, when it should be finished and the legal deadline for a decision.
 *
 * Three ways to use it:
 * - `reference` (+ `check`, the postcode from the letter): shows that case at once;
 * - neither: a lookup form (case number + postcode);
 * - `mine`: the logged-in resident's cases ("Mijn zaken"); the gateway knows who is logged in.
 *
 * ```html
 * <dichtbij-status-tracker api="https://dichtbij.gemeente.nl" reference="Z-2026-0142" check="4191 AB"></dichtbij-status-tracker>
 * ```
 *
 * @tagname dichtbij-status-tracker
 * @summary Shows the status of a case (zaak) as an ordered list of steps.
 * @fires {CustomEvent<HandoffDetail>} dichtbij-handoff - "Bel mij terug" was pressed: `{ to: 'callback', source: 'status-tracker', caseReference, caseTitle, caseType, topic }` (topic only when set); `<dichtbij-bel-me>` prefills from it.
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - The status could not be shown (`code`: not_found, unauthorized, rate_limited, server, network, timeout, validation), or the element has no client (`code: 'config'`).
 * @csspart heading - Every heading (the element's and each case title).
 * @csspart form - The lookup form.
 * @csspart steps - The ordered list of steps.
 * @csspart step - One step.
 * @csspart marker - The round marker of a step.
 * @csspart message - An error or notice box.
 * @cssprop [--dichtbij-status-tracker-min-block-size=44rem] - Space kept free while loading and for the result, so the page does not shift (4rem more below 40rem wide, 14rem more below 28rem).
 * @cssprop --dichtbij-status-tracker-color - Text colour (→ --dichtbij-text-color).
 * @cssprop --dichtbij-status-tracker-background-color - Background (→ --dichtbij-background-color).
 * @cssprop --dichtbij-status-tracker-font-family - Font (→ --dichtbij-text-font-family).
 * @cssprop --dichtbij-status-tracker-font-size - Font size (→ --dichtbij-text-font-size).
 * @cssprop --dichtbij-status-tracker-border-radius - Corners of messages, badges and the loading placeholder (→ --dichtbij-border-radius).
 * @cssprop --dichtbij-status-tracker-button-background-color - The "Zoeken" and "Bel mij terug" buttons (→ --dichtbij-button-primary-background-color).
 * @cssprop --dichtbij-status-tracker-button-color - Their text (→ --dichtbij-button-primary-color).
 * @cssprop --dichtbij-status-tracker-button-hover-background-color - Their hover background.
 * @cssprop --dichtbij-status-tracker-button-active-background-color - Their pressed background.
 * @cssprop --dichtbij-status-tracker-button-border-radius - Their corners (→ --dichtbij-button-border-radius).
 * @cssprop --dichtbij-status-tracker-step-done-background-color - Marker of a done step.
 * @cssprop --dichtbij-status-tracker-step-done-color - Check mark of a done step.
 * @cssprop --dichtbij-status-tracker-step-current-background-color - Marker of the current step.
 * @cssprop --dichtbij-status-tracker-step-current-color - Number on the current step's marker.
 * @cssprop --dichtbij-status-tracker-step-upcoming-background-color - Marker of an upcoming step.
 * @cssprop --dichtbij-status-tracker-step-upcoming-color - Number on an upcoming step's marker.
 * @cssprop --dichtbij-status-tracker-step-upcoming-border-color - Outline of an upcoming step's marker.
 * @cssprop --dichtbij-status-tracker-connector-color - The line between the markers.
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
export class DichtbijStatusTracker extends DichtbijElement {
  static override styles = statusTrackerStyles;

  /** The case number (zaaknummer) from the resident's letter. Without it (and without `mine`) a lookup form is shown. */
  @property() reference?: string;

  /** The second factor from the letter for an anonymous lookup, e.g. the postcode. */
  @property() check?: string;

  /** Show the logged-in resident's cases ("Mijn zaken") instead of one case. */
  @property({ type: Boolean, reflect: true }) mine = false;

  /** Where a resident logs in again when the session has expired (shown with 401/403). */
  @property({ attribute: 'login-url' }) loginUrl?: string;

  /** Level of the element's heading (1–6, default 2); case titles in a list are one level deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /**
   * Check for changes every this many seconds while the page is visible (off by default; at least
   * 1). Lookups are rate limited by the gateway: use 60 or more in production.
   */
  @property({ type: Number }) poll?: number;

  /** Topic passed on with "Bel mij terug" (a bel-me topic id or label); default: the topic that lists the case's zaaktype, else the case itself. */
  @property() topic?: string;

  /** The clock (for tests and stories): decides "today" for "Vertraagd". */
  @property({ attribute: false }) clock?: () => Date;

  @state() private phase: Phase = { kind: 'idle' };
  @state() private refreshing = false;
  @state() private refreshProblem?: string;
  @state() private announcement = '';
  @state() private phone?: string;
  @state() private formReference = '';
  @state() private formCheck = '';
  @state() private formErrors: { reference?: string; check?: string } = {};

  #lookedUp?: { reference: string; check: string };
  #loadedKey?: string;
  #loadedClient?: DichtbijClient;
  #seq = 0;
  #abort?: AbortController;
  #timer?: ReturnType<typeof setTimeout>;
  #lastFetch = 0;
  #focusAfterLoad = false;
  #configReported = false;
  #reported?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Reconnected: start again where it was.
    if (this.#loadedKey !== undefined) this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#clearTimer();
  }

  /** The refresh button: busy, it stays focusable (aria-disabled) and a press does nothing. */
  #onRefresh = () => {
    if (!this.refreshing) void this.refresh();
  };

  /** Fetches the status again now (the refresh button does the same). */
  refresh(): Promise<void> {
    return this.#load('refresh');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.resolvedClient;
    const target = this.#target();
    const key = target ? JSON.stringify(target) : undefined;
    if (client && key && (key !== this.#loadedKey || client !== this.#loadedClient)) {
      this.#loadedKey = key;
      this.#loadedClient = client;
      void this.#load('initial');
    } else if (!key && this.#loadedKey !== undefined && !this.#lookedUp) {
      // Attributes removed: back to the form.
      this.#stop();
      this.#loadedKey = undefined;
      this.phase = { kind: 'idle' };
    }
    if (changed.has('poll')) this.#schedule();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.resolvedClient && !this.#configReported) {
      this.#configReported = true;
      emit(this, 'dichtbij-error', {
        code: 'config',
        message:
          'dichtbij-status-tracker has no client: set its api attribute or client property, or place it in <dichtbij-config>.',
      });
    }
    if (this.#focusAfterLoad && this.phase.kind !== 'loading' && this.phase.kind !== 'idle') {
      this.#focusAfterLoad = false;
      this.renderRoot.querySelector<HTMLElement>('.result-heading, .message[tabindex]')?.focus();
    }
  }

  protected override render() {
    const t = strings[this.resolvedLocale];
    const level = this.#level();
    const live = html`<div class="visually-hidden" role="status">${this.announcement}</div>`;
    if (!this.resolvedClient) {
      return html`<div class="message message--info" part="message"><p>${t.notConfigured}</p></div>`;
    }
    if (this.mine) {
      return html`${heading(level, t.mineHeading)}${this.#renderPanel(t, level + 1)}${live}`;
    }
    if (this.reference?.trim()) return html`${this.#renderPanel(t, level)}${live}`;
    return html`
      ${heading(level, t.heading)}
      <p>${t.intro}</p>
      ${this.#renderForm(t)} ${this.phase.kind === 'idle' ? nothing : this.#renderPanel(t, level + 1)} ${live}
    `;
  }

  // --- rendering ------------------------------------------------------------------------

  #renderForm(t: StatusTrackerStrings) {
    const e = this.formErrors;
    const describedBy = (id: string, error?: string) => `${id}-hint${error ? ` ${id}-error` : ''}`;
    return html`
      <form class="form" part="form" novalidate @submit=${this.#onSubmit}>
        <div class="field">
          <label class="label" for="reference">${t.referenceLabel}</label>
          <p class="description" id="reference-hint">${t.referenceHint}</p>
          ${e.reference ? html`<p class="field-error" id="reference-error">${e.reference}</p>` : nothing}
          <input
            class="input"
            id="reference"
            name="reference"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="64"
            aria-describedby=${describedBy('reference', e.reference)}
            aria-invalid=${e.reference ? 'true' : 'false'}
            .value=${this.formReference}
            @input=${(ev: Event) => (this.formReference = (ev.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label class="label" for="check">${t.checkLabel}</label>
          <p class="description" id="check-hint">${t.checkHint}</p>
          ${e.check ? html`<p class="field-error" id="check-error">${e.check}</p>` : nothing}
          <input
            class="input"
            id="check"
            name="postcode"
            type="text"
            autocomplete="postal-code"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="10"
            aria-describedby=${describedBy('check', e.check)}
            aria-invalid=${e.check ? 'true' : 'false'}
            .value=${this.formCheck}
            @input=${(ev: Event) => (this.formCheck = (ev.target as HTMLInputElement).value)}
          />
        </div>
        <button class="button button--primary" type="submit">${t.lookup}</button>
      </form>
    `;
  }

  /** The reserved area: skeleton, result or problem. */
  #renderPanel(t: StatusTrackerStrings, level: number) {
    const p = this.phase;
    const busy = p.kind === 'loading' || this.refreshing;
    let body: unknown;
    if (p.kind === 'loading' || p.kind === 'idle') body = this.#renderSkeleton(t);
    else if (p.kind === 'error') body = this.#renderProblem(t, p);
    else if (p.kind === 'case') body = this.#renderCase(t, this.#view(p.status), level, false);
    else body = this.#renderList(t, p.cases, level);
    const canRefresh = p.kind === 'case' || p.kind === 'list' || (p.kind === 'error' && p.problem === 'unavailable');
    return html`
      <div class="panel ${p.kind === 'error' ? 'panel--fit' : ''}" aria-busy=${busy ? 'true' : 'false'}>
        ${body}
        ${
          canRefresh
            ? html`<div class="actions">
                <button
                  class="button button--secondary"
                  type="button"
                  aria-disabled=${this.refreshing ? 'true' : 'false'}
                  @click=${this.#onRefresh}
                >
                  ${this.refreshing ? t.refreshing : t.refresh}
                </button>
                ${this.refreshProblem ? html`<p class="muted">${this.refreshProblem}</p>` : nothing}
              </div>`
            : nothing
        }
      </div>
    `;
  }

  #renderSkeleton(t: StatusTrackerStrings) {
    // The shape of a case: title, reference, dates, four steps, the help button.
    const step = html`<span class="bone-step"
      ><span class="bone bone--marker"></span
      ><span class="bone-lines"><span class="bone"></span><span class="bone"></span><span class="bone"></span></span
    ></span>`;
    return html`
      <p class="visually-hidden">${t.loading}</p>
      <div class="skeleton" aria-hidden="true">
        <span class="bone bone--heading"></span><span class="bone bone--line"></span
        ><span class="bone bone--line"></span><span class="bone bone--line"></span>${step}${step}${step}${step}<span
          class="bone bone--button"
        ></span>
      </div>
    `;
  }

  #renderProblem(t: StatusTrackerStrings, p: Extract<Phase, { kind: 'error' }>) {
    let content: unknown;
    if (p.problem === 'not_found')
      content = html`<p>${t.notFound}</p>
        <p>${t.notFoundHint}</p>`;
    else if (p.problem === 'unauthorized') {
      const url = this.#loginHref();
      content = html`<p>${t.unauthorized}</p>
        ${url ? html`<p><a href=${url}>${t.loginAgain}</a></p>` : nothing}`;
    } else if (p.problem === 'rate_limited') content = html`<p>${t.rateLimited(p.retryAfter)}</p>`;
    else content = html`<p>${t.unavailable(this.phone)}</p>`;
    return html`<div class="message message--error" part="message" tabindex="-1">${content}</div>`;
  }

  #renderCase(t: StatusTrackerStrings, view: CaseView, level: number, compact: boolean) {
    // In a list every case has the same buttons: name them after the case for screen readers.
    const about = compact ? html`<span class="visually-hidden">${t.about(view.title)}</span>` : nothing;
    const steps = html`<ol class="steps" part="steps" aria-label=${t.steps}>
      ${view.steps.map((s) => this.#renderStep(s))}
    </ol>`;
    return html`
      ${heading(level, view.title, compact ? 'heading' : 'heading result-heading', !compact)}
      <p class="reference">${t.referenceLine(view.reference)}</p>
      ${
        view.badges.length
          ? html`<ul class="badges">
              ${view.badges.map((b) => html`<li class="badge badge--${b.kind}">${b.label}</li>`)}
            </ul>`
          : nothing
      }
      ${compact && !view.closed ? html`<p class="summary">${view.summary}</p>` : nothing}
      ${
        view.delayedText
          ? html`<div class="message message--warning" part="message"><p>${view.delayedText}</p></div>`
          : nothing
      }
      ${
        view.suspended
          ? html`<div class="message message--warning" part="message">
              <p>${view.suspended.text}</p>
              ${view.suspended.reason ? html`<p>${t.reason} ${view.suspended.reason}</p>` : nothing}
            </div>`
          : nothing
      }
      ${
        view.extended
          ? html`<div class="message message--info" part="message">
              <p>${view.extended.text}</p>
              ${view.extended.reason ? html`<p>${t.reason} ${view.extended.reason}</p>` : nothing}
            </div>`
          : nothing
      }
      <ul class="dates">
        ${[view.closedText, view.startedText, view.expectedText, view.deadlineText].map((line) =>
          line ? html`<li>${line}</li>` : nothing,
        )}
      </ul>
      ${
        compact
          ? html`<details>
              <summary>${t.showSteps}${about}</summary>
              ${steps}
            </details>`
          : steps
      }
      <div class="help">
        <p>${t.questions(view.word.your)}</p>
        <button class="button button--primary" type="button" @click=${() => this.#handoff(view)}>
          ${t.questionsButton}${about}
        </button>
        ${this.phone ? html`<p class="help-phone">${t.callUs(this.phone)}</p>` : nothing}
      </div>
    `;
  }

  #renderStep(s: CaseStepView) {
    return html`<li class="step step--${s.state}" part="step" aria-current=${s.isCurrent ? 'step' : nothing}>
      <span class="marker" part="marker" aria-hidden="true">${s.state === 'done' ? '✓' : s.index + 1}</span>
      <div class="step-body">
        <p class="step-title">
          ${
            s.state === 'current'
              ? html`${s.title} <span class="now">${s.stateText}</span>`
              : html`<span class="visually-hidden">${s.stateText}: </span>${s.title}`
          }
        </p>
        ${s.text ? html`<p class="step-text">${s.text}</p>` : nothing}
        ${
          s.completedOn
            ? html`<p class="step-date"><time datetime=${s.completedOn}>${s.completedText}</time></p>`
            : nothing
        }
      </div>
    </li>`;
  }

  #renderList(t: StatusTrackerStrings, cases: CaseStatus[], level: number) {
    if (!cases.length) return html`<p>${t.noCases}</p>`;
    return html`<ul class="cases">
      ${cases.map((c) => html`<li class="case-item">${this.#renderCase(t, this.#view(c), level, true)}</li>`)}
    </ul>`;
  }

  // --- data -----------------------------------------------------------------------------

  #view(status: CaseStatus): CaseView {
    return caseView(status, { locale: this.resolvedLocale, now: this.clock?.() ?? new Date() });
  }

  #level(): number {
    const n = Math.trunc(Number(this.headingLevel));
    return n >= 1 && n <= 6 ? n : 2;
  }

  #target(): Target | undefined {
    if (this.mine) return { mine: true };
    const reference = this.reference?.trim();
    if (reference) return { mine: false, reference, check: this.check?.trim() || undefined };
    if (this.#lookedUp) return { mine: false, ...this.#lookedUp };
    return undefined;
  }

  async #load(kind: LoadKind): Promise<void> {
    const client = this.resolvedClient;
    const target = this.#target();
    if (!client || !target) return;
    const seq = ++this.#seq;
    if (kind === 'initial') this.#reported = undefined;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#clearTimer();
    const before = this.phase;
    const keep = kind !== 'initial' && before.kind !== 'idle' && before.kind !== 'loading';
    if (keep) this.refreshing = true;
    else this.phase = { kind: 'loading' };
    this.refreshProblem = undefined;
    // The phone number for the help line and the "call us" message; a failure only drops it.
    const phone = client.config.get().then(
      (c) => c.phone,
      () => undefined,
    );

    let next: Phase;
    let error: unknown;
    try {
      if (target.mine) {
        const cases: unknown = await client.cases.list({ signal: abort.signal });
        if (!Array.isArray(cases) || !cases.every(looksLikeCase)) throw new TypeError('malformed case list');
        next = { kind: 'list', cases };
      } else {
        const status: unknown = await client.cases.get(target.reference, {
          signal: abort.signal,
          ...(target.check ? { check: target.check } : {}),
        });
        if (!looksLikeCase(status)) throw new TypeError('malformed case');
        this.#view(status); // a value the view model cannot handle is a malformed answer too
        next = { kind: 'case', status };
      }
    } catch (e) {
      error = e;
      next = this.#problemFor(e, target);
    }
    const gotPhone = await phone;
    if (seq !== this.#seq) return; // superseded by a newer load
    this.#lastFetch = Date.now();
    if (gotPhone) this.phone = gotPhone;
    this.refreshing = false;
    const t = strings[this.resolvedLocale];

    if (next.kind === 'error') {
      this.#reportError(error, next.problem);
      const soft = next.problem === 'unavailable' || next.problem === 'rate_limited';
      if (keep && soft && before.kind !== 'error') {
        // Keep what the resident sees; say that refreshing did not work.
        this.refreshProblem = next.problem === 'rate_limited' ? t.rateLimited(next.retryAfter) : t.refreshFailed;
        if (kind === 'refresh') void this.#announce(this.refreshProblem);
      } else {
        this.phase = next;
      }
    } else {
      this.#reported = undefined;
      let change: string | undefined;
      if (before.kind === 'case' && next.kind === 'case') {
        change = caseChange(before.status, next.status, this.resolvedLocale);
      } else if (before.kind === 'list' && next.kind === 'list') {
        change = casesChange(before.cases, next.cases, this.resolvedLocale);
      }
      this.phase = next;
      if (change) void this.#announce(change);
      else if (kind === 'refresh' && keep && before.kind !== 'error') void this.#announce(t.unchanged);
    }
    this.#schedule();
  }

  #problemFor(e: unknown, target: Target): Extract<Phase, { kind: 'error' }> {
    const code: DichtbijErrorCode | undefined = isDichtbijError(e) ? e.code : undefined;
    if (code === 'not_found') return { kind: 'error', problem: 'not_found' };
    // The backend refused the reference or postcode as such: for the resident that is the
    // same as "not found" (and says nothing about whether the case exists).
    if (code === 'validation' && !target.mine && isDichtbijError(e) && (e.status === 400 || e.status === 422)) {
      return { kind: 'error', problem: 'not_found' };
    }
    if (code === 'unauthorized') return { kind: 'error', problem: 'unauthorized' };
    if (code === 'rate_limited') {
      return { kind: 'error', problem: 'rate_limited', retryAfter: isDichtbijError(e) ? e.retryAfter : undefined };
    }
    return { kind: 'error', problem: 'unavailable' };
  }

  #reportError(e: unknown, problem: Problem) {
    const code: DichtbijErrorCode = isDichtbijError(e)
      ? e.code
      : problem === 'unavailable'
        ? 'validation'
        : (problem as DichtbijErrorCode);
    // Once per problem: a poll that keeps failing does not flood the page's error handling.
    if (this.#reported === code) return;
    this.#reported = code;
    // No reference, postcode or backend text in the message: it may end up in a page's logs.
    emit(this, 'dichtbij-error', { code, message: `dichtbij-status-tracker: the status could not be shown (${code})` });
  }

  async #announce(text: string) {
    // Empty first, so the same sentence twice is still read twice.
    this.announcement = '';
    await this.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    this.announcement = text;
  }

  #loginHref(): string | undefined {
    if (!this.loginUrl) return undefined;
    try {
      const url = new URL(this.loginUrl, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  // --- polling --------------------------------------------------------------------------

  #schedule(delay?: number) {
    this.#clearTimer();
    const seconds = Number(this.poll);
    if (!(seconds > 0) || !this.isConnected || document.visibilityState === 'hidden') return;
    const p = this.phase;
    const worth =
      (p.kind === 'case' && !p.status.closed) ||
      p.kind === 'list' ||
      (p.kind === 'error' && p.problem === 'unavailable');
    if (!worth) return;
    this.#timer = setTimeout(() => void this.#load('poll'), delay ?? Math.max(1, seconds) * 1000);
  }

  #clearTimer() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #stop() {
    this.#clearTimer();
    this.#seq++;
    this.#abort?.abort();
    this.refreshing = false;
  }

  #onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      this.#clearTimer();
      return;
    }
    const interval = Math.max(1, Number(this.poll)) * 1000;
    if (!(Number(this.poll) > 0) || this.phase.kind === 'loading' || this.refreshing) return;
    this.#schedule(Math.max(0, interval - (Date.now() - this.#lastFetch)));
  };

  // --- handlers -------------------------------------------------------------------------

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const t = strings[this.resolvedLocale];
    const reference = this.formReference.trim();
    const postcode = this.formCheck.trim().toUpperCase();
    const errors: { reference?: string; check?: string } = {};
    if (!reference) errors.reference = t.referenceMissing;
    else if (!REFERENCE.test(reference)) errors.reference = t.referenceInvalid;
    if (!postcode) errors.check = t.checkMissing;
    else if (!POSTCODE.test(postcode)) errors.check = t.checkInvalid;
    this.formErrors = errors;
    if (errors.reference || errors.check) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>(errors.reference ? '#reference' : '#check')?.focus(),
      );
      return;
    }
    const check = postcode.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2');
    this.#lookedUp = { reference, check };
    this.#loadedKey = JSON.stringify(this.#target());
    this.#loadedClient = this.resolvedClient;
    this.#focusAfterLoad = true;
    void this.#load('initial');
  };

  #handoff(view: CaseView) {
    emit(this, 'dichtbij-handoff', {
      to: 'callback',
      source: 'status-tracker',
      caseReference: view.reference,
      caseTitle: view.title,
      // bel-me finds the topic: this one when the page gave it, else the one that lists the zaaktype.
      ...(this.topic?.trim() ? { topic: this.topic.trim().slice(0, 120) } : {}),
      ...(view.caseType ? { caseType: view.caseType } : {}),
    });
  }
}
