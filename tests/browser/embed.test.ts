// Dichtbij on a real CMS page, in Chromium: <dichtbij-config> as a block that the page's content
// column constrains, with a themable gap between the widgets; the theme of a config (or the
// element's own) on every element, the chat launcher's button included; the locale from the
// element's `locale`, else the config's, else the nearest `lang` around it (across shadow roots).
// axe in every state. (Fallback content before and without the script: embed-fallback.test.ts.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import '@dichtbij/components/config';
import '@dichtbij/components/feedback';
import '@dichtbij/components/bel-me';
import '@dichtbij/components/status-tracker';
import '@dichtbij/components/chat-launcher';
import type { DichtbijConfig } from '@dichtbij/components/config';
import type { DichtbijStatusTracker } from '@dichtbij/components/status-tracker';
import { themeTokens } from '../../packages/themes/dist/index.js';
import { configGap, chatLauncherBackgroundColor } from '../../packages/components/src/shared/tokens.ts';
import { strings as trackerStrings } from '../../packages/components/src/status-tracker/strings.ts';
import { strings as launcherStrings } from '../../packages/components/src/chat-launcher/strings.ts';

const clients: DichtbijClient[] = [];
function client(): DichtbijClient {
  const c = createClient({ adapter: memoryAdapter(), outboxStore: memoryStore() });
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** A length as the browser computes it, in px (so '1.5rem' and '24px' compare equal). */
function px(value: string): number {
  const probe = document.createElement('div');
  probe.style.inlineSize = value;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
}
/** A colour as the browser computes it ('#a3222b' → 'rgb(163, 34, 43)'). */
function rgb(value: string): string {
  const probe = document.createElement('div');
  probe.style.color = value;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
/** The vertical space between two consecutive boxes. */
const spaceBetween = (a: Element, b: Element) => b.getBoundingClientRect().top - a.getBoundingClientRect().bottom;

/** A WordPress-like page: a 30rem content column with padding, the config and three widgets in it. */
async function cmsPage(attrs: { theme?: string; style?: string } = {}) {
  const page = await fixture<HTMLElement>(html`
    <main style="box-sizing: content-box; inline-size: 30rem; padding-inline: 1rem; ${attrs.style ?? ''}">
      <h1>Paspoort aanvragen</h1>
      <dichtbij-config .client=${client()} theme=${ifDefined(attrs.theme)}>
        <dichtbij-feedback></dichtbij-feedback>
        <dichtbij-bel-me topic="paspoort-id"></dichtbij-bel-me>
        <dichtbij-status-tracker></dichtbij-status-tracker>
        <dichtbij-chat-launcher status="medewerkers nu online" live></dichtbij-chat-launcher>
      </dichtbij-config>
    </main>
  `);
  const config = page.querySelector<DichtbijConfig>('dichtbij-config')!;
  await config.updateComplete;
  const widgets = [...config.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('*')].filter((e) =>
    ['DICHTBIJ-FEEDBACK', 'DICHTBIJ-BEL-ME', 'DICHTBIJ-STATUS-TRACKER'].includes(e.tagName),
  );
  await Promise.all(widgets.map((w) => w.updateComplete));
  await waitUntil(() => widgets.every((w) => w.getBoundingClientRect().height > 0), 'the widgets render');
  return { page, config, widgets, launcher: config.querySelector('dichtbij-chat-launcher')! };
}

describe('<dichtbij-config> in a CMS content column', () => {
  it('is a block as wide as the column; the widgets stay inside it with the default gap between them', async () => {
    const { page, config, widgets } = await cmsPage();
    const column = page.getBoundingClientRect().width - px('2rem');
    expect(getComputedStyle(config).display).to.not.equal('contents');
    expect(config.getBoundingClientRect().width).to.be.closeTo(column, 0.5);
    expect(config.getBoundingClientRect().left).to.be.closeTo(page.getBoundingClientRect().left + px('1rem'), 0.5);
    for (const w of widgets) {
      expect(w.getBoundingClientRect().width, w.tagName).to.be.closeTo(column, 0.5);
      expect(w.scrollWidth, `${w.tagName} does not overflow`).to.be.at.most(w.clientWidth + 1);
    }
    const gap = px(configGap.value);
    expect(gap).to.be.greaterThan(0);
    expect(parseFloat(getComputedStyle(config).rowGap)).to.be.closeTo(gap, 0.5);
    expect(spaceBetween(widgets[0]!, widgets[1]!)).to.be.closeTo(gap, 0.5);
    expect(spaceBetween(widgets[1]!, widgets[2]!)).to.be.closeTo(gap, 0.5);
    await expect(page).to.be.accessible();
  });

  it('in a WordPress block theme’s constrained layout it takes the content width, centred, like a paragraph', async () => {
    // What WordPress 6 block themes print for `.is-layout-constrained` (the post content).
    const style = document.createElement('style');
    style.textContent = `
      .wp-site { inline-size: 60rem; --wp--style--global--content-size: 40rem; }
      .is-layout-constrained > :where(:not(.alignleft):not(.alignright):not(.alignfull)) {
        max-width: var(--wp--style--global--content-size);
        margin-left: auto !important;
        margin-right: auto !important;
      }
      .is-layout-constrained > * { margin-block: 0; }`;
    document.head.append(style);
    try {
      const site = await fixture<HTMLElement>(html`
        <div class="wp-site entry-content is-layout-constrained">
          <p>Een paspoort vraagt u aan bij de gemeente.</p>
          <dichtbij-config .client=${client()}>
            <dichtbij-bel-me topic="paspoort-id"></dichtbij-bel-me>
            <dichtbij-feedback></dichtbij-feedback>
          </dichtbij-config>
        </div>
      `);
      const p = site.querySelector('p')!.getBoundingClientRect();
      const config = site.querySelector<DichtbijConfig>('dichtbij-config')!;
      await config.updateComplete;
      const box = config.getBoundingClientRect();
      expect(box.width).to.be.closeTo(px('40rem'), 0.5);
      expect(box.left).to.be.closeTo(p.left, 0.5);
      for (const w of config.querySelectorAll('dichtbij-bel-me, dichtbij-feedback')) {
        expect(w.getBoundingClientRect().width, w.tagName).to.be.closeTo(px('40rem'), 0.5);
        expect(w.getBoundingClientRect().left, w.tagName).to.be.closeTo(p.left, 0.5);
      }
      await expect(site).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it('a narrow column (320px screen) constrains it too', async () => {
    const { page, config, widgets } = await cmsPage({ style: 'inline-size: 18rem;' });
    expect(config.getBoundingClientRect().width).to.be.closeTo(px('18rem'), 0.5);
    for (const w of widgets)
      expect(w.getBoundingClientRect().right).to.be.at.most(config.getBoundingClientRect().right + 0.5);
    await expect(page).to.be.accessible();
  });

  it('the gap follows the token chain: --dichtbij-config-gap, else --dichtbij-space-xl, else the NL DS space token', async () => {
    for (const [style, expected] of [
      ['--basis-space-block-3xl: 40px;', '40px'],
      ['--basis-space-block-3xl: 40px; --dichtbij-space-xl: 2rem;', '2rem'],
      ['--basis-space-block-3xl: 40px; --dichtbij-space-xl: 2rem; --dichtbij-config-gap: 0.75rem;', '0.75rem'],
    ] as const) {
      const { config, widgets } = await cmsPage({ style });
      expect(spaceBetween(widgets[0]!, widgets[1]!), style).to.be.closeTo(px(expected), 0.5);
      expect(parseFloat(getComputedStyle(config).rowGap), style).to.be.closeTo(px(expected), 0.5);
    }
  });

  it('with a theme the gap is the theme’s', async () => {
    const theme = 'voorbeeld';
    const expected = px(themeTokens(theme)['--dichtbij-config-gap']!);
    const { page, config, widgets } = await cmsPage({ theme, style: '--dichtbij-space-xl: 3rem;' });
    // The page's --dichtbij-space-xl (3rem) would apply without the theme on the config itself.
    await waitUntil(() => Math.abs(spaceBetween(widgets[0]!, widgets[1]!) - expected) < 0.5, 'the theme applies');
    expect(parseFloat(getComputedStyle(config).rowGap)).to.be.closeTo(expected, 0.5);
    await expect(page).to.be.accessible();
  });

  it('hidden hides it', async () => {
    const { config } = await cmsPage();
    config.hidden = true;
    expect(config.getBoundingClientRect().height).to.equal(0);
  });
});

describe('the theme of the config on every element, the chat launcher included', () => {
  const launcherButton = (launcher: Element) => launcher.shadowRoot!.querySelector('button')!;

  it('no theme: the launcher wears the safe default', async () => {
    const { page, launcher } = await cmsPage();
    expect(getComputedStyle(launcherButton(launcher)).backgroundColor).to.equal(rgb(chatLauncherBackgroundColor.value));
    await expect(page).to.be.accessible();
  });

  for (const theme of ['west-betuwe', 'olst-wijhe']) {
    it(`theme="${theme}" on the config: the launcher's button and the widgets wear it`, async () => {
      const tokens = themeTokens(theme);
      const expected = rgb(tokens['--dichtbij-chat-launcher-background-color']!);
      expect(expected, 'the theme differs from the default').to.not.equal(rgb(chatLauncherBackgroundColor.value));
      // The page's own values around the config lose to the config's theme.
      const { page, launcher, widgets } = await cmsPage({
        theme,
        style:
          '--dichtbij-button-primary-background-color: #010203; --dichtbij-chat-launcher-background-color: #010203;',
      });
      const button = launcherButton(launcher);
      await waitUntil(() => getComputedStyle(button).backgroundColor === expected, 'the launcher wears the theme');
      // Every widget computes the theme's primary colour, not the page's.
      for (const w of widgets) {
        const primary = tokens['--dichtbij-button-primary-background-color']!;
        await waitUntil(
          () => getComputedStyle(w).getPropertyValue('--dichtbij-button-primary-background-color').trim() === primary,
          `${w.tagName} wears the theme`,
        );
      }
      await expect(page).to.be.accessible();
    });
  }

  it('the launcher’s own theme wins over the config’s, also for a launcher outside any config', async () => {
    const own = rgb(themeTokens('olst-wijhe')['--dichtbij-chat-launcher-background-color']!);
    const page = await fixture<HTMLElement>(html`
      <div>
        <dichtbij-config theme="west-betuwe" .client=${client()}>
          <dichtbij-chat-launcher theme="olst-wijhe" status="gesloten"></dichtbij-chat-launcher>
        </dichtbij-config>
        <dichtbij-chat-launcher
          id="alone"
          theme="west-betuwe"
          position="start"
          status="gesloten"
          region-label="Chat over deze pagina"
        ></dichtbij-chat-launcher>
      </div>
    `);
    const inside = page.querySelector('dichtbij-chat-launcher')!;
    const alone = page.querySelector('#alone')!;
    await waitUntil(() => getComputedStyle(launcherButton(inside)).backgroundColor === own, 'own theme wins');
    const west = rgb(themeTokens('west-betuwe')['--dichtbij-chat-launcher-background-color']!);
    await waitUntil(
      () => getComputedStyle(launcherButton(alone)).backgroundColor === west,
      'a lone launcher is themed',
    );
    // Two launchers on one page: the page names the second region (axe: landmarks are unique).
    await expect(page).to.be.accessible();
    // Removing the theme gives the page's tokens back.
    alone.removeAttribute('theme');
    await waitUntil(
      () => getComputedStyle(launcherButton(alone)).backgroundColor === rgb(chatLauncherBackgroundColor.value),
      'theme removed',
    );
  });
});

describe('locale: the locale attribute, else the config’s, else the nearest lang', () => {
  const tracker = (root: ParentNode, selector = 'dichtbij-status-tracker') =>
    root.querySelector<DichtbijStatusTracker>(selector)!;
  /** Which language the status tracker's heading is in. */
  async function languageOf(el: DichtbijStatusTracker): Promise<'nl' | 'en'> {
    await el.updateComplete;
    const heading = el.shadowRoot!.querySelector('h2, h3, h1')?.textContent?.trim() ?? '';
    if (heading === trackerStrings.en.heading) return 'en';
    if (heading === trackerStrings.nl.heading) return 'nl';
    throw new Error(`unexpected heading "${heading}"`);
  }
  const launcherName = (el: Element) => el.shadowRoot!.querySelector('button')!.textContent!;

  before(() => {
    expect(trackerStrings.en.heading).to.not.equal(trackerStrings.nl.heading);
    document.documentElement.lang = 'nl';
  });
  after(() => (document.documentElement.lang = ''));

  it('an element without locale follows the nearest lang ancestor, not only <html lang>', async () => {
    const page = await fixture<HTMLElement>(html`
      <div>
        <section lang="en">
          <article><dichtbij-status-tracker id="en" .client=${client()}></dichtbij-status-tracker></article>
          <dichtbij-chat-launcher status="online"></dichtbij-chat-launcher>
          <p lang="nl-NL"><dichtbij-status-tracker id="nl" .client=${client()}></dichtbij-status-tracker></p>
        </section>
        <dichtbij-status-tracker id="page" .client=${client()}></dichtbij-status-tracker>
      </div>
    `);
    expect(await languageOf(tracker(page, '#en'))).to.equal('en');
    expect(await languageOf(tracker(page, '#nl'))).to.equal('nl');
    expect(await languageOf(tracker(page, '#page'))).to.equal('nl');
    expect(launcherName(page.querySelector('dichtbij-chat-launcher')!)).to.contain(launcherStrings.en.name.trim());
    await expect(page).to.be.accessible();
  });

  it('the locale attribute wins over the lang around the element', async () => {
    const page = await fixture<HTMLElement>(html`
      <section lang="en">
        <dichtbij-status-tracker locale="nl" .client=${client()}></dichtbij-status-tracker>
        <dichtbij-chat-launcher locale="nl" status="open"></dichtbij-chat-launcher>
      </section>
    `);
    expect(await languageOf(tracker(page))).to.equal('nl');
    expect(launcherName(page.querySelector('dichtbij-chat-launcher')!)).to.contain(launcherStrings.nl.name.trim());
    await expect(page).to.be.accessible();
  });

  it('a config with locale wins over lang; a config without locale lets each element follow its lang', async () => {
    const page = await fixture<HTMLElement>(html`
      <div>
        <dichtbij-config id="with" locale="en" .client=${client()}>
          <p lang="nl"><dichtbij-status-tracker></dichtbij-status-tracker></p>
          <dichtbij-status-tracker id="own" locale="nl"></dichtbij-status-tracker>
          <dichtbij-chat-launcher status="open"></dichtbij-chat-launcher>
        </dichtbij-config>
        <dichtbij-config id="without" .client=${client()}>
          <div lang="en"><dichtbij-status-tracker></dichtbij-status-tracker></div>
          <dichtbij-status-tracker id="plain"></dichtbij-status-tracker>
        </dichtbij-config>
      </div>
    `);
    await Promise.all([...page.querySelectorAll<DichtbijConfig>('dichtbij-config')].map((c) => c.updateComplete));
    const withConfig = page.querySelector('#with')!;
    const without = page.querySelector('#without')!;
    expect(await languageOf(tracker(withConfig))).to.equal('en');
    expect(await languageOf(tracker(withConfig, '#own'))).to.equal('nl');
    expect(launcherName(withConfig.querySelector('dichtbij-chat-launcher')!)).to.contain(
      launcherStrings.en.name.trim(),
    );
    expect(await languageOf(tracker(without))).to.equal('en');
    expect(await languageOf(tracker(without, '#plain'))).to.equal('nl');
    await expect(page).to.be.accessible();
  });

  it('inside another component’s shadow root: the lang inside it, else the lang around its host', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="en"><div class="cms-block"></div></div>`);
    const block = host.querySelector('.cms-block')!;
    const shadow = block.attachShadow({ mode: 'open' });
    const outer = document.createElement('dichtbij-status-tracker') as DichtbijStatusTracker;
    outer.client = client();
    const inner = document.createElement('dichtbij-status-tracker') as DichtbijStatusTracker;
    inner.client = client();
    const dutch = document.createElement('div');
    dutch.lang = 'nl';
    dutch.append(inner);
    shadow.append(outer, dutch);
    expect(await languageOf(outer)).to.equal('en');
    expect(await languageOf(inner)).to.equal('nl');
    await expect(host).to.be.accessible();
  });

  it('an unsupported lang falls back to Dutch', async () => {
    const page = await fixture<HTMLElement>(html`
      <section lang="de"><dichtbij-status-tracker .client=${client()}></dichtbij-status-tracker></section>
    `);
    expect(await languageOf(tracker(page))).to.equal('nl');
  });
});
