import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { createClient, type DichtbijClient } from '@dichtbij/sdk/client';
import { lazyGatewayAdapter } from '@dichtbij/sdk/adapters/lazy-gateway';
import type { Locale } from '@dichtbij/sdk/schemas/common';
import { dichtbijContext, type DichtbijContext } from '../shared/context.ts';
import { LOCALES, resolveLocale } from '../shared/i18n.ts';
import { emit } from '../shared/events.ts';
import { applyTheme } from '../shared/theme.ts';
import { chainOf, configGap } from '../shared/tokens.ts';

/**
 * Page-level configuration: builds one client from `api` and `locale` and provides it, with
 * the locale and theme, to every Dichtbij element inside it (@lit/context). Renders its
 * children as a column: a block that the page's content column constrains, with a gap between
 * the widgets.
 *
 * ```html
 * <dichtbij-config api="https://dichtbij.gemeente.nl" locale="nl" theme="west-betuwe">
 *   <dichtbij-feedback></dichtbij-feedback>
 * </dichtbij-config>
 * ```
 *
 * A gateway for several gemeenten (a werkorganisatie) learns which one with `gemeente`:
 * `<dichtbij-config api="https://kcc.werkorganisatie.nl" gemeente="wijchen">`.
 *
 * @tagname dichtbij-config
 * @summary Page-level configuration: one client, locale and theme for every Dichtbij element inside.
 * @slot - The page content with Dichtbij elements.
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - When `api` is not a usable URL or `gemeente` not a gemeente id (detail: `{ code: 'config', message }`).
 * @cssprop --dichtbij-config-gap - Space between the widgets inside (→ --dichtbij-space-xl → --basis-space-block-3xl, 1.5rem).
 * @cssprop --dichtbij-space-xl - The common large space, the gap's fallback.
 */
export class DichtbijConfig extends LitElement {
  // A block in the host's flow: a CMS content column constrains it, and it stacks the widgets
  // it holds with a themable gap (a fixed-position chat launcher inside takes no space).
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: ${unsafeCSS(chainOf(configGap))};
      box-sizing: border-box;
      max-inline-size: 100%;
      min-inline-size: 0;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  /** URL of the Dichtbij gateway. */
  @property({ reflect: true }) api?: string;

  /**
   * The gemeente in a gateway that serves several (e.g. `wijchen`): every request says it.
   * Without it, the gateway's only or default gemeente.
   */
  @property({ reflect: true }) gemeente?: string;

  /** `nl` (default) or `en`, for every element inside. */
  @property({ reflect: true }) locale?: string;

  /** A theme name from `@dichtbij/themes` for every element inside. */
  @property({ reflect: true }) theme?: string;

  /** A client from `createClient()`: wins over `api` (memory adapter, a custom backend). */
  @property({ attribute: false }) client?: DichtbijClient;

  readonly #provider = new ContextProvider(this, { context: dichtbijContext, initialValue: {} });
  #ownClient?: { api: string; gemeente: string | undefined; client: DichtbijClient };

  /** The client the elements inside use. */
  get resolvedClient(): DichtbijClient | undefined {
    return this.client ?? this.#ownClient?.client;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ownClient?.client.dispose();
    this.#ownClient = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The client speaks the config's locale, else the language around the config; the elements
    // get a locale only when the config sets one, so without it each follows the `lang` around it.
    const locale: Locale = resolveLocale(this.locale, undefined, this);
    const own = this.locale?.toLowerCase().split('-')[0] as Locale | undefined;
    if (
      (changed.has('api') || changed.has('gemeente') || changed.has('locale') || !this.#ownClient) &&
      this.api &&
      !this.client
    ) {
      if (this.#ownClient?.api !== this.api || this.#ownClient.gemeente !== this.gemeente) {
        this.#ownClient?.client.dispose();
        this.#ownClient = undefined;
        try {
          const baseUrl = new URL(this.api, document.baseURI).href;
          const gemeente = this.gemeente || undefined;
          this.#ownClient = {
            api: this.api,
            gemeente: this.gemeente,
            client: createClient({
              adapter: lazyGatewayAdapter({ baseUrl, ...(gemeente ? { gemeente } : {}) }),
              locale,
            }),
          };
        } catch (error) {
          emit(this, 'dichtbij-error', {
            code: 'config',
            message: `dichtbij-config: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    }
    const value: DichtbijContext = {
      ...(own && LOCALES.includes(own) ? { locale: own } : {}),
      ...(this.resolvedClient ? { client: this.resolvedClient } : {}),
      ...(this.theme ? { theme: this.theme } : {}),
    };
    this.#provider.setValue(value);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The theme's tokens on the config itself: its gap follows the theme, and every widget inside
    // (the chat launcher's button too) inherits the theme's tokens.
    if (changed.has('theme')) void applyTheme(this, this.theme);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
