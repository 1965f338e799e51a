import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DichtbijError, isDichtbijError, type DichtbijErrorCode } from '@dichtbij/sdk/errors';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import { isOffline } from '@dichtbij/sdk/code';
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
 * @fires dichtbij-open - The resident opened the dialog (button or hand-off).
 * @fires dichtbij-close - The dialog was closed (close button or Escape).
 * @fires dichtbij-submitted - The request was sent (`{ result: 'sent', id, reference }`) or kept on the device (`{ result: 'queued', id }`); a queued request fires again with `result: 'sent'` when it has been delivered.
 * @fires dichtbij-error - Not configured (`code: 'config'`), the config could not be loaded, or sending failed (`rate_limited`, `server`, …).
 *
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The native dialog.
 * @csspart panel - The content box (in the dialog, or in the page with `inline`).
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
      const code = this.loadError;
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
