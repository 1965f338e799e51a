// The shared component styles wear the page's NL Design System theme: with the REAL voorbeeld theme CSS
// from npm on a wrapper (and no Dichtbij theme), the computed colours are the NL DS token values.
// Without any theme the safe defaults apply; a Dichtbij theme class wins over the NL DS theme.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { elementStyles, tokens } from '../../packages/components/src/shared/styles.ts';
import type { ElementName, TokenKey } from '../../packages/components/src/shared/styles.ts';
import { themeClass, themeTokens } from '../../packages/themes/dist/index.js';

const NLDS_DIST = '/packages/themes/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist';

function loadCss(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`could not load ${href}`));
    document.head.append(link);
  });
}

/** A tiny element that uses the shared styles the way the real elements do. */
function defineProbe(tag: string, element: ElementName, nested?: string) {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      constructor() {
        super();
        const root = this.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = elementStyles(element).map((s) => s.styleSheet!);
        const button = document.createElement('button');
        button.className = 'button button--primary';
        button.type = 'button';
        button.textContent = 'Verstuur';
        const label = document.createElement('label');
        label.className = 'label';
        label.htmlFor = 'name';
        label.textContent = 'Naam';
        const input = document.createElement('input');
        input.className = 'input';
        input.id = 'name';
        const message = document.createElement('p');
        message.className = 'message message--error';
        message.textContent = 'Er ging iets mis.';
        root.append(button, label, input, message);
        if (nested) root.append(document.createElement(nested));
      }
    },
  );
}
defineProbe('dichtbij-styles-inner-probe', 'bel-me');
defineProbe('dichtbij-styles-probe', 'feedback', 'dichtbij-styles-inner-probe');

/** What the browser computes for `value` of `property` (so '#5115ef' and 'rgb(81, 21, 239)' compare equal). */
function computed(property: 'color' | 'border-top-left-radius' | 'outline-width', value: string): string {
  const probe = document.createElement('div');
  probe.style.setProperty(property, value);
  probe.style.setProperty('outline-style', 'solid');
  document.body.append(probe);
  const result = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return result;
}

function parts(el: Element) {
  const root = el.shadowRoot!;
  return {
    host: getComputedStyle(el),
    button: getComputedStyle(root.querySelector('button')!),
    input: getComputedStyle(root.querySelector('input')!),
    message: getComputedStyle(root.querySelector('.message')!),
  };
}

async function render(className: string) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div class=${className}><dichtbij-styles-probe></dichtbij-styles-probe></div>`,
  );
  return wrapper.querySelector('dichtbij-styles-probe')!;
}

let nl: Record<string, string | number>;

before(async () => {
  await loadCss(`${NLDS_DIST}/theme.css`);
  await loadCss('/packages/themes/dist/west-betuwe.css');
  const response = await fetch(`${NLDS_DIST}/variables.json`);
  nl = (await response.json()) as Record<string, string | number>;
});

/** A west-betuwe token value from the built @dichtbij/themes JS module. */
const westBetuwe = (name: `--dichtbij-${string}`) => {
  const v = themeTokens('west-betuwe')[name];
  if (v === undefined) throw new Error(`west-betuwe has no ${name}`);
  return v;
};

const nlValue = (name: string) => {
  const v = nl[name];
  if (v === undefined) throw new Error(`NL DS token ${name} is not in the voorbeeld package`);
  return String(v);
};

describe('shared styles with the NL Design System voorbeeld theme (from npm)', () => {
  it('uses the NL DS token values for button, input, text, background and error box', async () => {
    const el = await render('voorbeeld-theme');
    const { host, button, input, message } = parts(el);
    expect(button.backgroundColor).to.equal(computed('color', nlValue('nlButtonPrimaryBackgroundColor')));
    expect(button.color).to.equal(computed('color', nlValue('nlButtonPrimaryColor')));
    expect(button.borderTopLeftRadius).to.equal(computed('border-top-left-radius', nlValue('nlButtonBorderRadius')));
    expect(input.borderTopColor).to.equal(computed('color', nlValue('utrechtTextboxBorderColor')));
    expect(input.backgroundColor).to.equal(computed('color', nlValue('utrechtTextboxBackgroundColor')));
    expect(input.color).to.equal(computed('color', nlValue('utrechtTextboxColor')));
    expect(host.color).to.equal(computed('color', nlValue('basisColorDefaultColorDocument')));
    expect(host.backgroundColor).to.equal(computed('color', nlValue('basisColorDefaultBgDocument')));
    expect(host.fontFamily).to.equal(nlValue('basisTextFontFamilyDefault').replaceAll("'", '"'));
    expect(message.color).to.equal(computed('color', nlValue('utrechtAlertErrorColor')));
    expect(message.backgroundColor).to.equal(computed('color', nlValue('utrechtAlertErrorBackgroundColor')));
  });

  it('draws the keyboard focus ring with the NL DS focus tokens', async () => {
    const el = await render('voorbeeld-theme');
    const button = el.shadowRoot!.querySelector('button')!;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button);
    const style = getComputedStyle(button);
    expect(style.outlineColor).to.equal(computed('color', nlValue('basisFocusOutlineColor')));
    expect(style.outlineStyle).to.equal(nlValue('basisFocusOutlineStyle'));
    expect(style.outlineWidth).to.equal(computed('outline-width', nlValue('basisFocusOutlineWidth')));
  });
});

describe('shared styles without any theme', () => {
  it('falls back to the safe defaults of the token registry', async () => {
    const el = await render('');
    const { host, button, input } = parts(el);
    const value = (key: TokenKey) => tokens[key].value;
    expect(button.backgroundColor).to.equal(computed('color', value('buttonPrimaryBackgroundColor')));
    expect(button.color).to.equal(computed('color', value('buttonPrimaryColor')));
    expect(input.borderTopColor).to.equal(computed('color', value('inputBorderColor')));
    expect(host.color).to.equal(computed('color', value('textColor')));
    expect(host.backgroundColor).to.equal(computed('color', value('backgroundColor')));
  });

  it('is accessible (axe)', async () => {
    const el = await render('');
    await expect(el).to.be.accessible();
  });
});

describe('shared styles with a Dichtbij theme', () => {
  it('the .dichtbij-theme--west-betuwe values win over the NL DS theme on the same wrapper', async () => {
    const el = await render(`voorbeeld-theme ${themeClass('west-betuwe')}`);
    const { host, button, input } = parts(el);
    expect(button.backgroundColor).to.equal(
      computed('color', westBetuwe('--dichtbij-button-primary-background-color')),
    );
    expect(button.backgroundColor).not.to.equal(computed('color', nlValue('nlButtonPrimaryBackgroundColor')));
    expect(button.color).to.equal(computed('color', westBetuwe('--dichtbij-button-primary-color')));
    expect(input.borderTopColor).to.equal(computed('color', westBetuwe('--dichtbij-input-border-color')));
    expect(host.color).to.equal(computed('color', westBetuwe('--dichtbij-text-color')));
    expect(host.backgroundColor).to.equal(computed('color', westBetuwe('--dichtbij-background-color')));
  });

  it('an element token (--dichtbij-feedback-button-background-color) wins for that element only', async () => {
    const el = await render(themeClass('west-betuwe'));
    el.parentElement!.style.setProperty('--dichtbij-feedback-button-background-color', 'rgb(1, 2, 3)');
    expect(parts(el).button.backgroundColor).to.equal('rgb(1, 2, 3)');
    // A bel-me element nested inside the feedback element's shadow root keeps the theme's button colour.
    const inner = el.shadowRoot!.querySelector('dichtbij-styles-inner-probe')!;
    expect(parts(inner).button.backgroundColor).to.equal(
      computed('color', westBetuwe('--dichtbij-button-primary-background-color')),
    );
  });
});

describe('shared styles and user preferences', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference', forcedColors: 'none' });
  });

  it('drops transitions with prefers-reduced-motion: reduce', async () => {
    const el = await render('');
    const button = el.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(button).transitionDuration).to.equal('0.15s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(button).transitionDuration).to.equal('0s');
  });

  it('keeps a visible button border in forced colours (the transparent border becomes ButtonText)', async () => {
    const el = await render('voorbeeld-theme');
    const button = el.shadowRoot!.querySelector('button')!;
    await emulateMedia({ forcedColors: 'active' });
    const style = getComputedStyle(button);
    expect(style.borderTopStyle).to.equal('solid');
    expect(style.borderTopColor).not.to.equal('rgba(0, 0, 0, 0)');
    expect(style.borderTopColor).to.equal(computed('color', 'ButtonText'));
  });
});
