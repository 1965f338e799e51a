import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { themes } from '@dichtbij/themes';
import { NLDS_VOORBEELD, storyThemeClass } from '../stories/support/story-themes.ts';
// All theme CSS is class-scoped, so it is loaded once; the decorator picks the class.
import '@dichtbij/themes/all.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './preview.css';

/**
 * Wraps every story in the chosen theme and language. Stories read `globals.locale` and set it as the
 * elements' `locale` attribute: render: (args, { globals }) => html`<dichtbij-feedback locale=${globals.locale}>`.
 * A story that shows several themes itself sets parameters: { dichtbijTheme: 'off' }.
 */
const withThemeAndLocale: Decorator = (story, { globals, parameters }) => {
  const locale = globals.locale === 'en' ? 'en' : 'nl';
  const className = parameters.dichtbijTheme === 'off' ? '' : storyThemeClass(globals.theme);
  return html`<div class="dichtbij-story ${className}" lang=${locale} data-theme=${globals.theme ?? 'none'}>
    ${story()}
  </div>`;
};

const preview: Preview = {
  decorators: [withThemeAndLocale],
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
  },
  initialGlobals: { theme: 'none', locale: 'nl' },
  parameters: {
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i } },
    a11y: { test: 'error' },
  },
};

export default preview;
