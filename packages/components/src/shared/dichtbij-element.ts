import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextRoot } from '@lit/context';
import type { DichtbijClient } from '@dichtbij/sdk/client';
import type { Locale } from '@dichtbij/sdk/schemas/common';
import { dichtbijContext } from './context.ts';
import { clientForApi } from './client.ts';
import { applyLang, resolveLocale } from './i18n.ts';
import { applyTheme } from './theme.ts';

const ROOT = Symbol.for('dichtbij.context-root');

/**
 * A page defines elements in any order (two bundles, one script per element): an element
 * that upgrades before its `<dichtbij-config>` asks for the config in vain. One ContextRoot
 * per page (shared by every copy of Dichtbij) keeps such requests and answers them when the
 * config upgrades.
 */
function ensureContextRoot(): void {
  const g = globalThis as { [ROOT]?: ContextRoot };
  if (g[ROOT] || typeof document === 'undefined') return;
  g[ROOT] = new ContextRoot();
  g[ROOT].attach(document.documentElement);
}

/**
 * Base class of the Dichtbij elements: resolves the client (the `client` property, else the
 * enclosing `<dichtbij-config>`, else the element's own `api` attribute), the locale and the
 * theme. Elements stay thin: logic that is not about the DOM lives in @dichtbij/sdk.
 */
export class DichtbijElement extends LitElement {
  /** URL of the Dichtbij gateway, when there is no `<dichtbij-config>` around the element. */
  @property({ reflect: true }) api?: string;

  /** `nl` (default) or `en`; else the config's, else the nearest `lang` around the element. */
  @property({ reflect: true }) locale?: string;

  /** A theme name from `@dichtbij/themes`; else the config's; else the page's NL DS theme applies. */
  @property({ reflect: true }) theme?: string;

  /** Full control: a client from `createClient()` (wins over `api` and `<dichtbij-config>`). */
  @property({ attribute: false }) client?: DichtbijClient;

  @state() protected contextValue?: { client?: DichtbijClient; locale?: Locale; theme?: string };

  constructor() {
    super();
    new ContextConsumer(this, {
      context: dichtbijContext,
      subscribe: true,
      callback: (value) => (this.contextValue = value),
    });
  }

  override connectedCallback(): void {
    ensureContextRoot(); // before the consumer asks, in super.connectedCallback()
    super.connectedCallback();
  }

  /** The client this element talks through, or undefined when it is not configured. */
  protected get resolvedClient(): DichtbijClient | undefined {
    if (this.client) return this.client;
    if (this.contextValue?.client) return this.contextValue.client;
    if (this.api) return clientForApi(this.api, this.resolvedLocale);
    return undefined;
  }

  protected get resolvedLocale(): Locale {
    return resolveLocale(this.locale, this.contextValue?.locale, this);
  }

  /**
   * WCAG 2.4.3: when a render removes or hides the control that had focus (a button whose
   * result replaces it), focus goes to focusFallback() instead of falling to `<body>`.
   */
  protected override update(changed: PropertyValues): void {
    const root = this.renderRoot instanceof ShadowRoot ? this.renderRoot : undefined;
    const focused = root?.activeElement;
    super.update(changed);
    if (focused && !focused.isConnected) {
      const active = document.activeElement;
      if (!active || active === document.body) this.focusFallback()?.focus();
    }
  }

  /** Where focus goes when its control is gone: a heading or message made focusable, else the first control. */
  protected focusFallback(): HTMLElement | null | undefined {
    const root = this.renderRoot;
    return (
      root.querySelector<HTMLElement>('[tabindex="-1"]:is(h1, h2, h3, h4, h5, h6, .message, .result-heading)') ??
      root.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled]), textarea, select, a[href]')
    );
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // WCAG 3.1.2: what this element renders says its own language (and direction), also after a
    // runtime change of `locale` or of the config's locale (both update the element).
    if (this.renderRoot instanceof ShadowRoot) applyLang(this.renderRoot, this.resolvedLocale, this);
    if (changed.has('theme') || changed.has('contextValue')) {
      void applyTheme(this, this.theme ?? this.contextValue?.theme);
    }
  }
}
