import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DichtbijError, isDichtbijError, type DichtbijErrorCode } from '@dichtbij/sdk/errors';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import { isOffline, residentCode } from '@dichtbij/sdk/code';
import { telHref } from '@dichtbij/sdk/tel';
import { DichtbijElement } from '../shared/dichtbij-element.ts';
import { emit, type HandoffDetail } from '../shared/events.ts';
import { styles } from './bel-me.styles.ts';
import { strings } from './strings.ts';
import type { BelMeForm } from './form/form.ts';

/** waiting: no client (yet); idle: a client, nothing loaded until the form is needed. */
type Load = 'waiting' | 'idle' | 'loading' | 'ready' | 'unconfigured' | 'failed';

/**
 * "Bel mij terug": a resident leaves a phone number, a topic and a moment, and the gemeente calls
 * back. Says honestly when (from the opening hours: today, or the next working day), checks the
 * number (Dutch mobile and landline numbers; no 0800/0900/14 numbers), keeps the context of a warm
 * hand-off from another Dichtbij element, and keeps the request on the device when offline.
 *
 * ```html
 * <dichtbij-bel-me api="https://dichtbij.gemeente.nl" topic="afval"></dichtbij-bel-me>
 * ```
 *
 * Warm hand-off: any element may dispatch `dichtbij-handoff` with `to: 'callback'` (bubbling,
 * composed). The first `<dichtbij-bel-me>` on the page takes it: it calls `preventDefault()` (so
 * the sender can tell it was picked up), opens, pre-selects the topic and shows what it will send
 * along ("Dit sturen we mee").
 *
 * The form, the opening-hours code and libphonenumber-js load on first use (pointer over or focus on
 * the button, a click, a hand-off, or at once with `inline`), so a page with only the button stays
 * small; the config is fetched then too, not on page load. What sending needs (the schemas, the
 * adapter) loads then as well, so a resident who loses the connection before sending still has
 * their request queued. Nothing is fetched while the browser is offline: the form loads by itself
 * when the connection is back.
 *
 * When the form or the gemeente's configuration cannot be loaded, the element still offers a phone
 * number: the `phone` attribute (the gemeente's general number, e.g. `phone="14 0345"`), because the
 * number in the configuration is exactly what could not be loaded.
 *
 * @tagname dichtbij-bel-me
 * @summary A callback request that respects opening hours and keeps the context.
 *
 * @fires {CustomEvent<undefined>} dichtbij-open - The resident opened the dialog (button or hand-off).
 * @fires {CustomEvent<undefined>} dichtbij-close - The dialog was closed (close button or Escape).
 * @fires {CustomEvent<SubmittedDetail>} dichtbij-submitted - The request was sent (`{ result: 'sent', id, reference }`) or kept on the device (`{ result: 'queued', id }`); a queued request fires again with `result: 'sent'` when it has been delivered.
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - Not configured (`code: 'config'`), the config could not be loaded, or sending failed (`rate_limited`, `server`, …).
 *
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The native dialog.
 * @csspart panel - The content box (in the dialog, or in the page with `inline`).
 * @csspart contact - The gemeente's phone number and hours, shown when a request could not be sent.
 * @csspart load-failed - The message (with the phone number) when the form cannot load.
 * @csspart promise - The sentence that says when we call back.
 * @csspart submit - The send button.
 * @csspart confirmation - The confirmation with the reference.
 * @csspart queued - The message that the request waits on the device.
 * @csspart notice - The notice shown when the element is not configured.
 *
 * @cssprop --dichtbij-bel-me-background-color - Background of the panel (→ --dichtbij-background-color).
 * @cssprop --dichtbij-bel-me-color - Text colour (→ --dichtbij-text-color).
 * @cssprop --dichtbij-bel-me-font-family - Font (→ --dichtbij-text-font-family).
 * @cssprop --dichtbij-bel-me-font-size - Font size (→ --dichtbij-text-font-size).
 * @cssprop --dichtbij-bel-me-border-radius - Corners of the dialog and messages (→ --dichtbij-border-radius).
 * @cssprop --dichtbij-bel-me-button-background-color - The "Bel mij terug" and send buttons (→ --dichtbij-button-primary-background-color).
 * @cssprop --dichtbij-bel-me-button-color - Their text (→ --dichtbij-button-primary-color).
 * @cssprop --dichtbij-bel-me-button-hover-background-color - Their hover background.
 * @cssprop --dichtbij-bel-me-button-active-background-color - Their pressed background.
 * @cssprop --dichtbij-bel-me-button-border-radius - Their corners.
 * @cssprop --dichtbij-bel-me-open-color - The promise when the office is open now (→ --dichtbij-success-color).
 * @cssprop --dichtbij-bel-me-closed-color - The promise when it is closed now (→ --dichtbij-text-muted-color).
 * @cssprop --dichtbij-bel-me-backdrop-background-color - The dialog backdrop (default 50 % black).
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
 * @cssprop [--dichtbij-warning-background-color=#fff3dc] - Warning message background (→ --utrecht-alert-warning-background-color → --basis-color-warning-bg-default).
 * @cssprop [--dichtbij-warning-border-color=#b36b00] - Warning message border (→ --utrecht-alert-warning-border-color → --basis-color-warning-border-default).
 * @cssprop [--dichtbij-warning-color=#6b4300] - Warning text (→ --utrecht-alert-warning-color → --basis-color-warning-color-document).
 */
export class DichtbijBelMe extends DichtbijElement {
  static override styles = styles;

  /** Text of the button that opens the form (default "Bel mij terug"). */
  @property() label?: string;

  /** Show the form in the page instead of a button that opens a dialog. */
  @property({ type: Boolean, reflect: true }) inline = false;

  /**
   * The gemeente's phone number, shown when the form or its configuration cannot be loaded (e.g.
   * "14 0345"). Once the configuration is there, its number is used everywhere else.
   */
  @property() phone?: string;

  /** A topic from the gemeente's config (its id or its label) to pre-select. */
  @property() topic?: string;

  /** The clock, for tests and stories (default: the real time). Not an attribute. */
  @property({ attribute: false }) clock?: () => Date;

  @state() private load: Load = 'waiting';
  /** Why loading failed (for the message). */
  @state() private loadError?: DichtbijErrorCode;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.trigger') private trigger?: HTMLButtonElement;

  #client?: DichtbijClient;
  /** The form (a reactive controller), loaded on first use. */
  #form?: BelMeForm;
  /** The form is needed (opened, inline or handed off): load it. */
  #wanted = false;
  /** A hand-off that arrived before the form was loaded. */
  #handoff?: Partial<HandoffDetail>;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('dichtbij-handoff', this.#onHandoff);
    globalThis.addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dichtbij-handoff', this.#onHandoff);
    globalThis.removeEventListener('online', this.#onOnline);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.resolvedClient;
    if (client && client !== this.#client) {
      this.#client = client;
      if (this.#form) this.removeController(this.#form);
      this.#form = undefined;
      this.load = 'idle';
    }
    if (this.load === 'idle' && (this.inline || this.#wanted)) void this.#prepare();
    if (changed.has('topic')) this.#form?.topicChanged(this.topic);
  }

  protected override firstUpdated(): void {
    // A <dichtbij-config> around the element may answer a moment later.
    setTimeout(() => {
      if (this.#client || this.load !== 'waiting') return;
      this.load = 'unconfigured';
      emit(this, 'dichtbij-error', {
        code: 'config',
        message:
          'dichtbij-bel-me: no client; set the "api" attribute, the "client" property or put it inside <dichtbij-config>',
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // Render

  protected override render() {
    const s = strings[this.resolvedLocale];
    if (this.load === 'unconfigured') {
      return html`<p class="message message--warning" part="notice">${s.notConfigured}</p>`;
    }
    const panel = html`
      <div class="head">
        <h2 id="title" tabindex="-1">${s.title}</h2>
        ${
          this.inline
            ? nothing
            : html`<button class="button button--secondary" type="button" @click=${this.#onClose}>${s.close}</button>`
        }
      </div>
      ${this.#renderBody()}
      <div class="visually-hidden" role="status">${this.#form?.announcement ?? ''}</div>
    `;
    if (this.inline) {
      return html`<section class="panel" part="panel" aria-labelledby="title">${panel}</section>`;
    }
    return html`
      <button
        class="trigger button button--primary"
        part="button"
        type="button"
        aria-haspopup="dialog"
        @click=${this.#onOpen}
        @pointerenter=${this.#onPrefetch}
        @focus=${this.#onPrefetch}
      >
        ${this.label || s.button}
      </button>
      <dialog
        part="dialog"
        aria-labelledby="title"
        aria-describedby=${this.#form?.showsPromise ? 'promise' : nothing}
        @close=${this.#onDialogClose}
      >
        <div class="panel" part="panel">${panel}</div>
      </dialog>
    `;
  }

  #renderBody() {
    const s = strings[this.resolvedLocale];
    if (this.load === 'failed') {
      // "No internet connection" only when the browser is offline; else the server did not answer.
      const code = residentCode(this.loadError ?? 'network');
      const why =
        code === 'network'
          ? s.loadOffline
          : code === 'server' || code === 'timeout'
            ? s.loadServerDown
            : code === 'bad_response'
              ? s.loadBadResponse
              : s.loadFailed;
      const phone = this.phone?.trim().slice(0, 40);
      const href = phone ? telHref(phone) : undefined;
      return html`<div class="message message--error" role="alert" part="load-failed">
        <p>${why}</p>
        <p>
          ${phone ? html`${s.callInstead} ${href ? html`<a href=${href}>${phone}</a>` : phone}` : s.contactGemeente}
        </p>
        <button class="button button--secondary" type="button" @click=${this.#onRetry}>${s.tryAgain}</button>
      </div>`;
    }
    if (this.load === 'ready' && this.#form) return this.#form.render();
    return html`<p>${s.loading}</p>`;
  }

  // ---------------------------------------------------------------------------------------
  // Handlers

  #onOpen = () => void this.#open();

  /** Pointer over or focus on the button: load the form and the config before the click. */
  #onPrefetch = () => {
    if (this.load === 'idle') void this.#prepare();
  };

  #onClose = () => this.dialog?.close();

  #onDialogClose = () => {
    emit(this, 'dichtbij-close', undefined);
    this.trigger?.focus();
  };

  #onRetry = () => void this.#prepare();

  /** Back online after a failed load: try again by itself. */
  #onOnline = () => {
    if (this.load === 'failed') void this.#prepare();
  };

  #onHandoff = (event: CustomEvent<HandoffDetail>) => {
    const detail = event.detail as Partial<HandoffDetail> | undefined;
    if (detail?.to !== 'callback' || event.defaultPrevented || this.load === 'unconfigured') return;
    // Taken: one bel-me answers, and the sender can tell that someone did.
    event.preventDefault();
    if (this.#form) this.#form.takeHandoff(detail);
    else this.#handoff = detail;
    void this.#open();
  };

  // ---------------------------------------------------------------------------------------
  // Helpers

  /** Loads the config and the form (once per client), and adopts the form's styles. */
  async #prepare(): Promise<void> {
    const client = this.#client;
    if (!client || this.load === 'loading') return;
    this.load = 'loading';
    try {
      // Not while offline: Chromium would remember the failed fetch until the page is reloaded.
      if (isOffline()) throw new DichtbijError('network', 'offline');
      void client.prepare();
      const [config, form] = await Promise.all([client.config.get(), import('./form/form.ts')]);
      const created = await form.createForm(this, {
        client,
        config,
        locale: () => this.resolvedLocale,
        now: () => this.clock?.() ?? new Date(),
        close: () => this.dialog?.close(),
      });
      if (client !== this.#client) {
        this.removeController(created);
        return;
      }
      const root = this.renderRoot as ShadowRoot;
      const sheets = form.formStyles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => !!s);
      if (!root.adoptedStyleSheets.includes(sheets[0]!))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
      this.#form = created;
      if (this.#handoff) created.takeHandoff(this.#handoff);
      this.#handoff = undefined;
      this.load = 'ready';
      // Opened while loading: go on to the first field, unless the resident went elsewhere.
      await this.updateComplete;
      const active = (this.renderRoot as ShadowRoot).activeElement;
      if (this.dialog?.open && (!active || active.id === 'title')) this.#focus(created.start);
    } catch (error) {
      if (client !== this.#client) return;
      this.load = 'failed';
      // A failed import() is a TypeError: no connection (or the file is gone).
      this.loadError = isDichtbijError(error) ? error.code : 'network';
      emit(this, 'dichtbij-error', {
        code: isDichtbijError(error) ? error.code : 'config',
        message: `dichtbij-bel-me: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  async #open(): Promise<void> {
    this.#wanted = true;
    if (this.load === 'idle' || this.load === 'failed') void this.#prepare();
    await this.updateComplete;
    const dialog = this.dialog;
    if (!this.inline && dialog && !dialog.open) {
      dialog.showModal();
      emit(this, 'dichtbij-open', undefined);
    }
    if (this.inline) this.scrollIntoView?.({ block: 'nearest' });
    await this.updateComplete;
    this.#focus(this.load === 'ready' && this.#form ? this.#form.start : '#title');
  }

  #focus(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
