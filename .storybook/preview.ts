import type { Decorator, Preview } from '@storybook/web-components-vite';
import { getCustomElements, setCustomElementsManifest } from '@storybook/web-components';
import { html, nothing } from 'lit';
import { themes } from '@dichtbij/themes';
import manifest from '@dichtbij/components/custom-elements.json';
import { NLDS_VOORBEELD, storyThemeClass } from '../stories/support/story-themes.ts';
import { applyArgs, argTypesFor, type Manifest } from '../stories/support/manifest-docs.ts';
import { DichtbijDocsPage } from '../stories/support/docs-page.ts';
// The fonts the themes name, self-hosted from npm packages (bundled into storybook-static, no third-party request).
import '../stories/support/fonts.ts';
// All theme CSS is class-scoped, so it is loaded once; the decorator picks the class.
import '@dichtbij/themes/all.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './preview.css';

// Docs and controls come from the custom-elements manifest (written by the components build).
setCustomElementsManifest(manifest);

/**
 * Wraps every story in the chosen theme, language and direction. Stories read `globals.locale` and set it as
 * the elements' `locale` attribute: render: (args, { globals }) => html`<dichtbij-feedback locale=${globals.locale}>`.
 * A story that shows several themes itself sets parameters: { dichtbijTheme: 'off' }.
 */
const withThemeAndLocale: Decorator = (story, { globals, parameters }) => {
  const locale = globals.locale === 'en' ? 'en' : 'nl';
  const dir = globals.dir === 'rtl' ? 'rtl' : 'ltr';
  const className = parameters.dichtbijTheme === 'off' ? '' : storyThemeClass(globals.theme);
  // Forced colours and reduced motion are media features a page cannot switch itself: the story tests and
  // the screenshots emulate them (Playwright) from these globals; a browser that does not emulate them says so.
  const wantsForced = globals.forcedColors === 'active';
  const wantsReduced = globals.motion === 'reduce';
  const missing = [
    wantsForced && !matchMedia('(forced-colors: active)').matches ? 'forced-colors: active' : '',
    wantsReduced && !matchMedia('(prefers-reduced-motion: reduce)').matches ? 'prefers-reduced-motion: reduce' : '',
  ].filter(Boolean);
  return html`<div class="dichtbij-story ${className}" lang=${locale} dir=${dir} data-theme=${globals.theme ?? 'none'}>
    ${
      missing.length
        ? html`<p class="dichtbij-story-note">
            Deze browser emuleert ${missing.join(' en ')} niet: zet het aan in DevTools → Rendering (Chromium).
          </p>`
        : nothing
    }
    ${story()}
  </div>`;
};

/** Applies the controls a reader changed (attributes, properties, CSS custom properties) to the story's element. */
const withControls: Decorator = (story, { args, argTypes, component, canvasElement }) => {
  const result = story();
  if (typeof component === 'string' && Object.values(args).some((v) => v !== undefined))
    queueMicrotask(() => {
      const el = canvasElement.querySelector(component);
      if (el) applyArgs(el as HTMLElement, args, argTypes as Parameters<typeof applyArgs>[2]);
    });
  return result;
};

const preview: Preview = {
  decorators: [withControls, withThemeAndLocale],
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Thema (theme)',
      toolbar: {
        title: 'Thema',
        icon: 'paintbrush',
        dynamicTitle: true,
        items: [
          { value: 'none', title: 'Geen thema (veilige standaard)' },
          { value: NLDS_VOORBEELD, title: 'NL Design System voorbeeld (.voorbeeld-theme)' },
          ...themes.map((name) => ({ value: name, title: `Dichtbij ${name}` })),
        ],
      },
    },
    locale: {
      description: 'Taal (locale)',
      toolbar: {
        title: 'Taal',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: 'nl', right: 'NL', title: 'Nederlands' },
          { value: 'en', right: 'EN', title: 'English' },
        ],
      },
    },
    dir: {
      description: 'Richting (direction)',
      toolbar: {
        title: 'Richting',
        icon: 'transfer',
        dynamicTitle: true,
        items: [
          { value: 'ltr', right: 'LTR', title: 'Links naar rechts' },
          { value: 'rtl', right: 'RTL', title: 'Rechts naar links' },
        ],
      },
    },
    forcedColors: {
      description: 'Geforceerde kleuren (forced-colors)',
      toolbar: {
        title: 'Kleuren',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'none', title: 'Kleuren van het thema' },
          { value: 'active', title: 'Geforceerde kleuren (hoog contrast)' },
        ],
      },
    },
    motion: {
      description: 'Beweging (prefers-reduced-motion)',
      toolbar: {
        title: 'Beweging',
        icon: 'play',
        dynamicTitle: true,
        items: [
          { value: 'no-preference', title: 'Beweging toegestaan' },
          { value: 'reduce', title: 'Minder beweging' },
        ],
      },
    },
  },
  initialGlobals: { theme: 'none', locale: 'nl', dir: 'ltr', forcedColors: 'none', motion: 'no-preference' },
  parameters: {
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i } },
    a11y: { test: 'error' },
    viewport: {
      options: {
        zoom400: { name: '320 × 640 (400 % zoom)', styles: { width: '320px', height: '640px' }, type: 'mobile' },
        reflow: { name: '320 × 256 (reflow)', styles: { width: '320px', height: '256px' }, type: 'mobile' },
        tablet: { name: '768 × 1024', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: { name: '1280 × 800', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    docs: {
      page: DichtbijDocsPage,
      extractArgTypes: (tag: string) => argTypesFor(getCustomElements() as Manifest, tag),
      codePanel: true,
    },
  },
};

export default preview;
