import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createClient,
  DichtbijError,
  demoConfig,
  memoryAdapter,
  memoryStore,
  type GemeenteConfig,
  type MemorySeed,
} from '@dichtbij/sdk';
import '@dichtbij/components/bel-me';
import type { DichtbijBelMe } from '@dichtbij/components/bel-me';

/**
 * `<dichtbij-bel-me>`: a resident asks to be called back. Every state, with the in-memory backend and
 * a fixed clock. "Thema" and "Taal" in the toolbar switch the theme and language. Most stories show
 * the form `inline`; "Knop en dialoog" shows the button that opens it in a dialog.
 */
const meta: Meta = {
  title: 'Elementen/Bel mij terug',
  component: 'dichtbij-bel-me',
};
export default meta;
type Story = StoryObj;

/** Tuesday 26 May 2026, 10:00: open. */
const OPEN = () => new Date('2026-05-26T08:00:00Z');
/** Friday 22 May 2026, 19:00: closed until Tuesday (Pinksteren). */
const CLOSED = () => new Date('2026-05-22T17:00:00Z');

const client = (seed: MemorySeed = {}, clock = OPEN, config?: Partial<GemeenteConfig>) =>
  createClient({
    adapter: memoryAdapter({
      now: clock,
      latency: 300,
      ...(config ? { config: { ...demoConfig, ...config } } : {}),
      ...seed,
    }),
    outboxStore: memoryStore(),
    // Stories never retry on their own: the queued state stays on screen.
    retry: { baseDelay: 24 * 60 * 60 * 1000 },
  });

type Attrs = { inline?: boolean; topic?: string; label?: string };
const belMe = (locale: string, c: ReturnType<typeof client> | undefined, attrs: Attrs = {}, clock = OPEN) => html`
  <dichtbij-bel-me
    locale=${locale}
    .client=${c}
    .clock=${clock}
    ?inline=${attrs.inline ?? true}
    topic=${attrs.topic ?? ''}
    label=${attrs.label ?? ''}
  ></dichtbij-bel-me>
`;

// --- play helpers (plain DOM: the element's shadow root) ---------------------------------------

async function until<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Story: ${what} did not appear`);
}
const element = (canvas: HTMLElement) => canvas.querySelector<DichtbijBelMe>('dichtbij-bel-me')!;
const inShadow = <T extends Element>(canvas: HTMLElement, selector: string) =>
  element(canvas).shadowRoot?.querySelector<T>(selector);
async function fill(canvas: HTMLElement, phone: string) {
  const input = await until(() => inShadow<HTMLInputElement>(canvas, '#phone'), 'the form');
  input.value = phone;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const send = (canvas: HTMLElement) => inShadow<HTMLButtonElement>(canvas, 'button[type="submit"]')!.click();

// --- states ------------------------------------------------------------------------------------

export const Knop: Story = {
  name: 'Knop en dialoog',
  parameters: { docs: { description: { story: 'The button; click it to open the dialog (Escape closes it).' } } },
  render: (_args, { globals }) => belMe(globals.locale, client(), { inline: false }),
};

export const DialoogOpen: Story = {
  name: 'Dialoog open',
  render: (_args, { globals }) => belMe(globals.locale, client(), { inline: false }),
  play: async ({ canvasElement }) => {
    (await until(() => inShadow<HTMLButtonElement>(canvasElement, '.trigger'), 'the button')).click();
    await until(() => inShadow(canvasElement, '#phone'), 'the form');
  },
};

export const Open: Story = {
  name: 'Formulier: nu open',
  render: (_args, { globals }) => belMe(globals.locale, client(), { topic: 'afval' }),
};

export const Gesloten: Story = {
  name: 'Formulier: gesloten (volgende werkdag)',
  render: (_args, { globals }) => belMe(globals.locale, client({}, CLOSED), {}, CLOSED),
};

export const Overdracht: Story = {
  name: 'Met overdracht ("Dit sturen we mee")',
  render: (_args, { globals }) => belMe(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await until(() => inShadow(canvasElement, '#phone'), 'the form');
    canvasElement.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        bubbles: true,
        composed: true,
        cancelable: true,
        detail: {
          to: 'callback',
          source: 'status-tracker',
          topic: 'Vergunning',
          page: { url: 'https://www.example.nl/dakkapel', title: 'Dakkapel bouwen' },
          caseReference: 'Z-2026-0142',
          caseTitle: 'Omgevingsvergunning: dakkapel',
          summary: 'De inwoner wil weten wanneer het besluit komt.',
        },
      }),
    );
  },
};

export const Fouten: Story = {
  name: 'Foutmelding: betaalnummer',
  render: (_args, { globals }) => belMe(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '0900 1234567');
    send(canvasElement);
  },
};

export const Versturen: Story = {
  name: 'Versturen',
  render: (_args, { globals }) => {
    // A backend that takes the request but never answers: the sending state stays on screen.
    const adapter = memoryAdapter({ now: OPEN });
    const pending = createClient({
      adapter: { ...adapter, requestCallback: () => new Promise(() => {}) },
      outboxStore: memoryStore(),
    });
    return belMe(globals.locale, pending);
  },
  play: async ({ canvasElement }) => {
    await until(() => inShadow(canvasElement, '#phone'), 'the form');
    await fill(canvasElement, '06 12345678');
    send(canvasElement);
  },
};

export const Bevestiging: Story = {
  name: 'Bevestiging',
  render: (_args, { globals }) => belMe(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '06 12345678');
    send(canvasElement);
  },
};

export const Wachtrij: Story = {
  name: 'Geen verbinding (wordt later verstuurd)',
  render: (_args, { globals }) =>
    belMe(
      globals.locale,
      client({ fail: (op) => (op === 'requestCallback' ? new DichtbijError('network', 'offline') : undefined) }),
    ),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '06 12345678');
    send(canvasElement);
  },
};

export const TeVaak: Story = {
  name: 'Te vaak geprobeerd (429)',
  render: (_args, { globals }) =>
    belMe(
      globals.locale,
      client({
        fail: (op) =>
          op === 'requestCallback' ? new DichtbijError('rate_limited', 'slow down', { retryAfter: 120 }) : undefined,
      }),
    ),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '06 12345678');
    send(canvasElement);
  },
};

export const Storing: Story = {
  name: 'Laden mislukt',
  render: (_args, { globals }) =>
    belMe(
      globals.locale,
      client({ fail: (op) => (op === 'getConfig' ? new DichtbijError('server', 'down') : undefined) }),
    ),
};

export const NietIngesteld: Story = {
  name: 'Niet ingesteld',
  render: (_args, { globals }) => belMe(globals.locale, undefined),
};

// --- more states: loading, empty, long content -------------------------------------------------

export const Laden: Story = {
  name: 'Laden (de configuratie komt nog)',
  render: (_args, { globals }) => belMe(globals.locale, client({ latency: 60 * 60 * 1000 })),
};

export const GeenOnderwerpen: Story = {
  name: 'Leeg: geen onderwerpen ingesteld',
  render: (_args, { globals }) =>
    belMe(globals.locale, client({}, OPEN, { callback: { ...demoConfig.callback, topics: [] } })),
};

export const LangeInhoud: Story = {
  name: 'Lange onderwerpen en een lange vraag',
  render: (_args, { globals }) =>
    belMe(
      globals.locale,
      client({}, OPEN, {
        callback: {
          ...demoConfig.callback,
          topics: [
            { id: 'lang', label: 'Bijzondere bijstand, schuldhulpverlening en ondersteuning bij geldzaken' },
            { id: 'wmo', label: 'Zorg en ondersteuning thuis (Wet maatschappelijke ondersteuning, Wmo 2015)' },
            { id: 'anders', label: 'Iets anders' },
          ],
        },
      }),
      { topic: 'lang' },
    ),
  play: async ({ canvasElement }) => {
    const question = await until(() => inShadow<HTMLTextAreaElement>(canvasElement, 'textarea'), 'the question');
    question.value =
      'Ik heb een brief gekregen over mijn aanvraag voor bijzondere bijstand en begrijp niet welke ' +
      'bankafschriften ik moet opsturen en voor welke datum. Kunt u mij dat uitleggen?';
    question.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  },
};
