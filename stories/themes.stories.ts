import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './support/dichtbij-theme-preview.ts';
import { storyThemeClass, storyThemes } from './support/story-themes.ts';

/**
 * The themes and the token chain: switch "Thema" in the toolbar to see the same controls in no theme
 * (safe defaults), the NL Design System voorbeeld theme (from npm, no Dichtbij theme) and each
 * Dichtbij theme. "Taal" switches the language. The gemeente themes hold illustrative values.
 */
const meta: Meta = {
  title: 'Thema’s/Tokens',
  component: 'dichtbij-theme-preview',
  // A Storybook-only element, not in the manifest: no docs page.
  tags: ['!autodocs'],
};
export default meta;

type Story = StoryObj;

export const Tokens: Story = {
  render: (_args, { globals }) =>
    html`<dichtbij-theme-preview locale=${globals.locale} theme=${globals.theme} show-tokens></dichtbij-theme-preview>`,
};

export const Onderdelen: Story = {
  name: 'Onderdelen (controls)',
  render: (_args, { globals }) =>
    html`<dichtbij-theme-preview locale=${globals.locale} theme=${globals.theme}></dichtbij-theme-preview>`,
};

export const NaastElkaar: Story = {
  name: 'Alle thema’s naast elkaar',
  parameters: { dichtbijTheme: 'off' },
  render: (_args, { globals }) => html`
    ${storyThemes.map(
      (theme) =>
        html`<section class="dichtbij-story-panel ${storyThemeClass(theme)}" aria-label=${theme}>
          <p><code>${theme}</code></p>
          <dichtbij-theme-preview locale=${globals.locale} theme=${theme}></dichtbij-theme-preview>
        </section>`,
    )}
  `,
};
