import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@dichtbij/components/config';
import '@dichtbij/components/feedback';
import '@dichtbij/components/bel-me';
import '@dichtbij/components/status-tracker';
import '@dichtbij/components/chat-launcher';
import { mountThemeStudio } from '../packages/gateway/src/demo/studio/studio.ts';
import '../packages/gateway/src/demo/studio/studio.css';

/**
 * The theme studio (also on the demo site: /demo/thema-studio): a gemeente enters its colours, font, corners
 * and focus ring, or pastes its NL Design System theme CSS, and sees the four elements in it, with the
 * build's contrast check on every colour pair. It downloads the DTCG token file and the CSS.
 * "Taal" in the toolbar switches the language; the studio brings its own theme, so "Thema" does not apply.
 */
const meta: Meta = {
  title: 'Thema’s/Thema-studio',
  tags: ['!autodocs'],
  parameters: { dichtbijTheme: 'off' },
};
export default meta;

type Story = StoryObj;

const mount = (locale: string, start: string) => {
  const root = document.createElement('div');
  root.className = 'dichtbij-theme--west-betuwe';
  mountThemeStudio(root, { locale: locale === 'en' ? 'en' : 'nl', start });
  return html`${root}`;
};

export const Studio: Story = {
  name: 'Thema-studio',
  render: (_args, { globals }) => mount(globals.locale, 'west-betuwe'),
};
