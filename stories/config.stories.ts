import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, DichtbijError, memoryAdapter, memoryStore } from '@dichtbij/sdk';
import '@dichtbij/components/config';
import '@dichtbij/components/feedback';
import '@dichtbij/components/bel-me';

/**
 * `<dichtbij-config>`: one client, locale and theme for every element inside. "Thema", "Taal" and
 * "Richting" in the toolbar switch the theme, language and direction of the page around it.
 */
const meta: Meta = {
  title: 'Elementen/Configuratie',
  component: 'dichtbij-config',
};
export default meta;
type Story = StoryObj;

const client = (fail?: boolean) =>
  createClient({
    adapter: memoryAdapter({
      latency: 200,
      now: () => new Date('2026-05-26T08:00:00Z'),
      ...(fail ? { fail: () => new DichtbijError('server', 'down', { status: 503 }) } : {}),
    }),
    outboxStore: memoryStore(),
    retry: { baseDelay: 24 * 60 * 60 * 1000 },
  });

export const TweeElementen: Story = {
  name: 'Twee elementen, één configuratie',
  render: (_args, { globals }) =>
    html`<dichtbij-config locale=${globals.locale} .client=${client()}>
      <dichtbij-feedback></dichtbij-feedback>
      <dichtbij-bel-me inline></dichtbij-bel-me>
    </dichtbij-config>`,
};

export const Storing: Story = {
  name: 'Storing: de gateway antwoordt niet',
  render: (_args, { globals }) =>
    html`<dichtbij-config locale=${globals.locale} .client=${client(true)}>
      <dichtbij-bel-me inline phone="14 0345"></dichtbij-bel-me>
    </dichtbij-config>`,
};

export const OngeldigeApi: Story = {
  name: 'Fout: api is geen bruikbare URL',
  render: (_args, { globals }) =>
    html`<dichtbij-config locale=${globals.locale} api="geen url">
      <dichtbij-feedback></dichtbij-feedback>
    </dichtbij-config>`,
};
