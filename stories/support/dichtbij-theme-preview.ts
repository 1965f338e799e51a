// Storybook-only element: shows the shared controls and every token of the registry as the current
// theme resolves it, and which link of the chain (Dichtbij theme, NL DS token, safe default) supplied it.
import { LitElement, css, html, unsafeCSS } from 'lit';
import type { PropertyValues } from 'lit';
import { chain, sharedStyles, tokens } from '../../packages/components/src/shared/styles.ts';
import type { TokenKey } from '../../packages/components/src/shared/styles.ts';

const strings = {
  nl: {
    controls: 'Voorbeeld van de onderdelen',
    intro: 'Zo zien knoppen, velden en meldingen eruit in het gekozen thema.',
    primary: 'Versturen',
    secondary: 'Annuleren',
    name: 'Uw naam',
    nameHint: 'Zoals u wilt dat wij u aanspreken.',
    question: 'Uw vraag',
    choice: 'Hoe wilt u antwoord?',
    phone: 'Telefoon',
    email: 'E-mail',
    consent: 'Ik wil een bevestiging ontvangen',
    error: 'Vul uw telefoonnummer in.',
    success: 'Bedankt, we bellen u vandaag nog.',
    warning: 'We zijn nu gesloten. We bellen u de volgende werkdag.',
    info: 'Uw bericht wordt verstuurd zodra u weer online bent.',
    steps: ['Aanvraag ontvangen', 'In behandeling', 'Besluit'],
    stepState: { done: 'klaar', current: 'nu bezig', upcoming: 'nog niet' },
    link: 'Meer over contact',
    tokens: 'Tokens',
    token: 'Token',
    value: 'Waarde',
    source: 'Bron',
    sourceDefault: 'veilige standaard',
  },
  en: {
    controls: 'Sample of the parts',
    intro: 'How buttons, fields and messages look in the chosen theme.',
    primary: 'Send',
    secondary: 'Cancel',
    name: 'Your name',
    nameHint: 'How you would like us to address you.',
    question: 'Your question',
    choice: 'How would you like an answer?',
    phone: 'Phone',
    email: 'Email',
    consent: 'I would like a confirmation',
    error: 'Please enter your phone number.',
    success: 'Thank you, we will call you today.',
    warning: 'We are closed now. We will call you on the next working day.',
    info: 'Your message will be sent as soon as you are back online.',
    steps: ['Request received', 'Being handled', 'Decision'],
    stepState: { done: 'done', current: 'in progress', upcoming: 'not yet' },
    link: 'More about contact',
    tokens: 'Tokens',
    token: 'Token',
    value: 'Value',
    source: 'Source',
    sourceDefault: 'safe default',
  },
} as const;

const keys = Object.keys(tokens) as TokenKey[];
const isColour = (key: TokenKey) => tokens[key].name.endsWith('-color');

// One class per token that resolves its chain into --_dichtbij-probe (and paints colour swatches).
const probeStyles = unsafeCSS(
  keys
    .map(
      (key, i) =>
        `.t${i} { --_dichtbij-probe: ${chain(key)}; }${isColour(key) ? ` .swatch.t${i} { background-color: var(--_dichtbij-probe); }` : ''}`,
    )
    .join('\n'),
);

let instances = 0;

interface Resolved {
  value: string;
  source: string;
}

export class DichtbijThemePreview extends LitElement {
  static override properties = {
    locale: { type: String },
    theme: { type: String },
    showTokens: { type: Boolean, attribute: 'show-tokens' },
    resolved: { state: true },
  };

  declare locale: 'nl' | 'en';
  declare theme: string;
  declare showTokens: boolean;
  declare resolved: Resolved[];
  /** Radio group name per instance: several previews on one page are separate groups. */
  private readonly group = `channel-${++instances}`;

  static override styles = [
    ...sharedStyles,
    probeStyles,
    css`
      .grid {
        display: grid;
        gap: var(--_dichtbij-space-lg);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
        align-items: start;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_dichtbij-space-sm);
        margin-block-end: var(--_dichtbij-space-lg);
      }
      .steps {
        display: flex;
        flex-direction: column;
        gap: var(--_dichtbij-space-sm);
        margin: 0 0 var(--_dichtbij-space-md);
        padding: 0;
        list-style: none;
      }
      .step {
        display: flex;
        align-items: center;
        gap: var(--_dichtbij-space-sm);
      }
      .marker {
        display: inline-grid;
        place-items: center;
        inline-size: 1.75rem;
        block-size: 1.75rem;
        border: 2px solid transparent;
        border-radius: 50%;
        font-weight: var(--_dichtbij-bold);
      }
      .marker--done {
        background-color: ${unsafeCSS(chain('statusTrackerStepDoneBackgroundColor'))};
        color: ${unsafeCSS(chain('statusTrackerStepDoneColor'))};
      }
      .marker--current {
        background-color: ${unsafeCSS(chain('statusTrackerStepCurrentBackgroundColor'))};
        color: ${unsafeCSS(chain('statusTrackerStepCurrentColor'))};
      }
      .marker--upcoming {
        background-color: ${unsafeCSS(chain('statusTrackerStepUpcomingBackgroundColor'))};
        border-color: ${unsafeCSS(chain('statusTrackerStepUpcomingBorderColor'))};
        color: ${unsafeCSS(chain('statusTrackerStepUpcomingColor'))};
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
        margin-block-start: var(--_dichtbij-space-xl);
      }
      th,
      td {
        padding-block: var(--_dichtbij-space-xs);
        padding-inline: var(--_dichtbij-space-sm);
        border-block-end: 1px solid var(--_dichtbij-border);
        text-align: start;
        vertical-align: middle;
      }
      code {
        font-size: 0.875em;
        overflow-wrap: anywhere;
      }
      .swatch {
        display: inline-block;
        inline-size: 2rem;
        block-size: 1.25rem;
        margin-inline-end: var(--_dichtbij-space-sm);
        border: 1px solid var(--_dichtbij-border);
        vertical-align: middle;
      }
    `,
  ];

  constructor() {
    super();
    this.locale = 'nl';
    this.theme = 'none';
    this.showTokens = false;
    this.resolved = [];
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.showTokens && (changed.has('theme') || changed.has('showTokens'))) {
      // Wait a frame so the wrapper's theme class is applied before reading computed values.
      requestAnimationFrame(() => this.measure());
    }
  }

  private measure(): void {
    const host = getComputedStyle(this);
    this.resolved = keys.map((key, i) => {
      const probe = this.renderRoot.querySelector(`.t${i}`);
      const value = probe ? getComputedStyle(probe).getPropertyValue('--_dichtbij-probe').trim() : '';
      const def = tokens[key];
      const source = [def.name, ...def.fallbacks].find((name) => host.getPropertyValue(name).trim() !== '');
      return { value, source: source ?? strings[this.locale === 'en' ? 'en' : 'nl'].sourceDefault };
    });
  }

  override render() {
    const t = strings[this.locale === 'en' ? 'en' : 'nl'];
    return html`
      <h2>${t.controls}</h2>
      <p class="muted">${t.intro}</p>
      <div class="grid">
        <div>
          <div class="actions">
            <button class="button button--primary" type="button">${t.primary}</button>
            <button class="button button--secondary" type="button">${t.secondary}</button>
          </div>
          <div class="field">
            <label class="label" for="name">${t.name}</label>
            <span class="description" id="name-hint">${t.nameHint}</span>
            <input class="input" id="name" autocomplete="name" aria-describedby="name-hint" />
          </div>
          <div class="field">
            <label class="label" for="question">${t.question}</label>
            <textarea class="textarea" id="question"></textarea>
          </div>
          <fieldset class="fieldset">
            <legend class="legend">${t.choice}</legend>
            <label class="choice"><input type="radio" name=${this.group} value="phone" checked />${t.phone}</label>
            <label class="choice"><input type="radio" name=${this.group} value="email" />${t.email}</label>
          </fieldset>
          <label class="choice"><input type="checkbox" />${t.consent}</label>
        </div>
        <div>
          <p class="message message--error" role="alert">${t.error}</p>
          <p class="message message--success">${t.success}</p>
          <p class="message message--warning">${t.warning}</p>
          <p class="message message--info">${t.info}</p>
          <ol class="steps">
            ${(['done', 'current', 'upcoming'] as const).map(
              (state, i) =>
                html`<li class="step" aria-current=${state === 'current' ? 'step' : 'false'}>
                  <span class="marker marker--${state}" aria-hidden="true">${i + 1}</span>
                  <span>${t.steps[i]} <span class="visually-hidden">(${t.stepState[state]})</span></span>
                </li>`,
            )}
          </ol>
          <p><a class="link" href="#contact">${t.link}</a></p>
        </div>
      </div>
      ${this.showTokens ? this.renderTokens(t) : ''}
    `;
  }

  private renderTokens(t: (typeof strings)['nl' | 'en']) {
    return html`<table>
      <caption class="visually-hidden">
        ${t.tokens}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.token}</th>
          <th scope="col">${t.value}</th>
          <th scope="col">${t.source}</th>
        </tr>
      </thead>
      <tbody>
        ${keys.map((key, i) => {
          const r = this.resolved[i];
          return html`<tr>
            <td><code>${tokens[key].name}</code></td>
            <td>
              <span class="${isColour(key) ? 'swatch' : 'probe'} t${i}" aria-hidden="true"></span
              ><code>${r?.value ?? ''}</code>
            </td>
            <td><code>${r?.source ?? ''}</code></td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

if (!customElements.get('dichtbij-theme-preview'))
  customElements.define('dichtbij-theme-preview', DichtbijThemePreview);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-theme-preview': DichtbijThemePreview;
  }
}
