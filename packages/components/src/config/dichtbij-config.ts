import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { createClient, type DichtbijClient } from '@dichtbij/sdk/client';
import { lazyGatewayAdapter } from '@dichtbij/sdk/adapters/lazy-gateway';
import type { Locale } from '@dichtbij/sdk/schemas/common';
import { dichtbijContext, type DichtbijContext } from '../shared/context.ts';
import { resolveLocale } from '../shared/i18n.ts';
import { emit } from '../shared/events.ts';

/**
 * Page-level configuration: builds one client from `api` and `locale` and provides it, with
 * the locale and theme, to every Dichtbij element inside it (@lit/context). Renders only its
 * children.
 *
 * ```html
 * <dichtbij-config api="https://dichtbij.gemeente.nl" locale="nl" theme="west-betuwe">
 *   <dichtbij-feedback></dichtbij-feedback>
 * </dichtbij-config>
 * ```
 *
 * @tagname dichtbij-config
 * @summary Page-level configuration: one client, locale and theme for every Dichtbij element inside.
 * @slot - The page content with Dichtbij elements.
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - When `api` is not a usable URL (detail: `{ code: 'config', message }`).
 */
export class DichtbijConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** URL of the Dichtbij gateway. */
  @property({ reflect: true }) api?: string;

  /** `nl` (default) or `en`, for every element inside. */
  @property({ reflect: true }) locale?: string;

  /** A theme name from `@dichtbij/themes` for every element inside. */
  @property({ reflect: true }) theme?: string;

  /** A client from `createClient()`: wins over `api` (memory adapter, a custom backend). */
  @property({ attribute: false }) client?: DichtbijClient;

  readonly #provider = new ContextProvider(this, { context: dichtbijContext, initialValue: {} });
  #ownClient?: { api: string; client: DichtbijClient };

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
    const locale: Locale = resolveLocale(this.locale);
    if ((changed.has('api') || changed.has('locale') || !this.#ownClient) && this.api && !this.client) {
      if (this.#ownClient?.api !== this.api) {
        this.#ownClient?.client.dispose();
        this.#ownClient = undefined;
        try {
          const baseUrl = new URL(this.api, document.baseURI).href;
          this.#ownClient = {
            api: this.api,
            client: createClient({ adapter: lazyGatewayAdapter({ baseUrl }), locale }),
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
      locale,
      ...(this.resolvedClient ? { client: this.resolvedClient } : {}),
      ...(this.theme ? { theme: this.theme } : {}),
    };
    this.#provider.setValue(value);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
