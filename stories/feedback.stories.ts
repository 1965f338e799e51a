import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, DichtbijError, memoryAdapter, memoryStore, type MemorySeed } from '@dichtbij/sdk';
import '@dichtbij/components/feedback';
import type { DichtbijFeedback } from '@dichtbij/components/feedback';

/**
 * `<dichtbij-feedback>`: "Was deze informatie nuttig?" (page) or a 1–10 score for a contact (score).
 * Every state, with the in-memory backend. "Thema" and "Taal" in the toolbar switch the theme and
 * language. Stories that need a state the resident reaches by acting (Nee open, errors, thanks) get
 * there with a play function.
 */
const meta: Meta = {
  title: 'Elementen/Feedback',
  component: 'dichtbij-feedback',
  // Every story starts as a first visit: the once-per-session marker of an earlier story is removed.
  beforeEach: () => {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('dichtbij-feedback:')) sessionStorage.removeItem(key);
  },
};
export default meta;
type Story = StoryObj;

const client = (seed: MemorySeed = {}) =>
  createClient({
    adapter: memoryAdapter({ latency: 300, ...seed }),
    outboxStore: memoryStore(),
    // Stories never retry on their own: the queued state stays on screen.
    retry: { baseDelay: 24 * 60 * 60 * 1000 },
  });

type Attrs = { variant?: 'page' | 'score'; channel?: string; contact?: string; headingLevel?: number };
const feedback = (locale: string, c: ReturnType<typeof client> | undefined, attrs: Attrs = {}) => html`
  <dichtbij-feedback
    locale=${locale}
    .client=${c}
    variant=${attrs.variant ?? 'page'}
    channel=${attrs.channel ?? 'website'}
    contact=${attrs.contact ?? ''}
    heading-level=${attrs.headingLevel ?? 2}
  ></dichtbij-feedback>
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
const element = (canvas: HTMLElement) => canvas.querySelector<DichtbijFeedback>('dichtbij-feedback')!;
const inShadow = <T extends Element>(canvas: HTMLElement, selector: string) =>
  element(canvas).shadowRoot?.querySelector<T>(selector);
/** The n-th button of the Ja/Nee group (0 = Ja, 1 = Nee): works in every language. */
const answer = async (canvas: HTMLElement, n: 0 | 1) =>
  (
    await until(
      () => inShadow<HTMLButtonElement>(canvas, `[role="group"] button:nth-of-type(${n + 1})`),
      'the Ja/Nee buttons',
    )
  ).click();
async function type(canvas: HTMLElement, selector: string, text: string) {
  const field = await until(() => inShadow<HTMLTextAreaElement | HTMLInputElement>(canvas, selector), selector);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const send = async (canvas: HTMLElement) =>
  (await until(() => inShadow<HTMLButtonElement>(canvas, 'button[type="submit"]'), 'the send button')).click();
const score = async (canvas: HTMLElement, n: number) =>
  (await until(() => inShadow<HTMLInputElement>(canvas, `#score-${n}`), 'the scores')).click();

// --- page variant --------------------------------------------------------------------------------

export const Vraag: Story = {
  name: 'Pagina: de vraag',
  render: (_args, { globals }) => feedback(globals.locale, client()),
};

export const NeeOpen: Story = {
  name: 'Pagina: "Nee" open (redenen en uitleg)',
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await until(() => inShadow(canvasElement, '#comment'), 'the questions');
  },
};

export const Persoonsgegevens: Story = {
  name: 'Pagina: waarschuwing persoonsgegevens',
  parameters: {
    docs: {
      description: {
        story: 'A BSN (11-proef) and a phone number in the text: a kind warning, and a button to remove them.',
      },
    },
  },
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(canvasElement, '#comment', 'Mijn BSN is 111222333, bel mij op 06-12345678.');
    await until(() => inShadow(canvasElement, '#comment-pii'), 'the warning');
  },
};

export const TeLang: Story = {
  name: 'Pagina: fout, tekst te lang',
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(canvasElement, '#comment', 'Deze tekst is veel te lang. '.repeat(20));
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#error-summary'), 'the error summary');
  },
};

export const BedanktJa: Story = {
  name: 'Pagina: bedankt (na "Ja")',
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 0);
    await until(() => inShadow(canvasElement, '#thanks'), 'the thank-you');
  },
};

export const BedanktNee: Story = {
  name: 'Pagina: bedankt, met aanbod bellen of chatten (na "Nee")',
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(canvasElement, '#comment', 'Ik kan niet vinden wat ik moet meenemen.');
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '[part="offer"]'), 'the offer');
  },
};

export const Opgeslagen: Story = {
  name: 'Pagina: offline opgeslagen',
  parameters: {
    docs: {
      description: { story: 'Offline: the response is kept in the outbox and sent when the browser is back online.' },
    },
  },
  render: (_args, { globals }) => {
    const adapter = memoryAdapter({ latency: 300 });
    adapter.setOffline(true);
    const c = createClient({ adapter, outboxStore: memoryStore(), retry: { baseDelay: 24 * 60 * 60 * 1000 } });
    return feedback(globals.locale, c);
  },
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 0);
    await until(() => inShadow(canvasElement, '#thanks'), 'the saved message');
  },
};

export const AlGereageerd: Story = {
  name: 'Pagina: al gereageerd in deze sessie',
  render: (_args, { globals }) => html`<div>${feedback(globals.locale, client())}</div>`,
  play: async ({ canvasElement }) => {
    // Answer once, then show a fresh element on the same page: it remembers.
    await answer(canvasElement, 1);
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#thanks'), 'the thank-you');
    const wrapper = canvasElement.querySelector('div')!;
    const again = element(canvasElement).cloneNode() as DichtbijFeedback;
    again.client = element(canvasElement).client;
    element(canvasElement).remove();
    wrapper.append(again);
  },
};

export const KopNiveau: Story = {
  name: 'Pagina: kop op niveau 3 (heading-level)',
  render: (_args, { globals }) => feedback(globals.locale, client(), { headingLevel: 3 }),
};

export const RechtsNaarLinks: Story = {
  name: 'Rechts naar links (dir="rtl")',
  render: (_args, { globals }) =>
    html`<div dir="rtl">${feedback(globals.locale, client(), { variant: 'score' })}</div>`,
};

export const NietIngesteld: Story = {
  name: 'Niet ingesteld (geen client)',
  parameters: {
    docs: {
      description: {
        story: 'No client, api or <dichtbij-config>: a short notice and a `dichtbij-error` with code `config`.',
      },
    },
  },
  render: (_args, { globals }) => feedback(globals.locale, undefined),
};

// --- score variant -------------------------------------------------------------------------------

export const Cijfer: Story = {
  name: 'Cijfer: de vraag (1–10)',
  render: (_args, { globals }) =>
    feedback(globals.locale, client(), { variant: 'score', channel: 'telefoon', contact: 'KC-123' }),
};

export const CijferUitEmail: Story = {
  name: 'Cijfer: vooraf gekozen uit een e-maillink',
  parameters: {
    docs: {
      description: {
        story:
          'The page was opened from `…?dichtbij-score=8&dichtbij-contact=KC-123&dichtbij-channel=e-mail`: one click on Verstuur confirms.',
      },
    },
  },
  beforeEach: () => {
    const before = location.href;
    const url = new URL(before);
    url.searchParams.set('dichtbij-score', '8');
    url.searchParams.set('dichtbij-contact', 'KC-123');
    url.searchParams.set('dichtbij-channel', 'e-mail');
    history.replaceState(history.state, '', url);
    return () => history.replaceState(history.state, '', before);
  },
  render: (_args, { globals }) => feedback(globals.locale, client(), { variant: 'score', channel: '' }),
};

export const CijferLeeg: Story = {
  name: 'Cijfer: fout, geen cijfer gekozen',
  render: (_args, { globals }) => feedback(globals.locale, client(), { variant: 'score' }),
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#error-summary'), 'the error summary');
  },
};

export const CijferBellen: Story = {
  name: 'Cijfer: "Mogen we u bellen?" met een fout nummer',
  render: (_args, { globals }) => feedback(globals.locale, client(), { variant: 'score' }),
  play: async ({ canvasElement }) => {
    await score(canvasElement, 4);
    (await until(() => inShadow<HTMLInputElement>(canvasElement, 'input[name="call"]'), 'the checkbox')).click();
    await type(canvasElement, '#phone', '0900 1234567');
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#phone-error'), 'the phone error');
  },
};

export const CijferTeVaak: Story = {
  name: 'Cijfer: fout van de server (429, te vaak)',
  render: (_args, { globals }) =>
    feedback(
      globals.locale,
      client({
        fail: (op) =>
          op === 'submitFeedback'
            ? new DichtbijError('rate_limited', 'Too many requests', { status: 429, retryAfter: 300 })
            : undefined,
      }),
      { variant: 'score' },
    ),
  play: async ({ canvasElement }) => {
    await score(canvasElement, 7);
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#error-summary'), 'the error summary');
  },
};

export const CijferBedankt: Story = {
  name: 'Cijfer: bedankt',
  render: (_args, { globals }) => feedback(globals.locale, client(), { variant: 'score', channel: 'balie' }),
  play: async ({ canvasElement }) => {
    await score(canvasElement, 9);
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#thanks'), 'the thank-you');
  },
};

// --- more states: loading, server error, long content ----------------------------------------------

export const BezigMetVersturen: Story = {
  name: 'Pagina: bezig met versturen (laden)',
  render: (_args, { globals }) => {
    // A backend that takes the response but never answers: the sending state stays on screen.
    const adapter = memoryAdapter();
    const pending = createClient({
      adapter: { ...adapter, submitFeedback: () => new Promise(() => {}) },
      outboxStore: memoryStore(),
    });
    return feedback(globals.locale, pending);
  },
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(canvasElement, '#comment', 'Ik mis de openingstijden.');
    await send(canvasElement);
  },
};

export const ServerFout: Story = {
  name: 'Pagina: de server weigert (422, met telefoonnummer)',
  render: (_args, { globals }) =>
    feedback(
      globals.locale,
      client({
        fail: (op) =>
          op === 'submitFeedback' ? new DichtbijError('validation', 'Rejected', { status: 422 }) : undefined,
      }),
    ),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(canvasElement, '#comment', 'De link naar het formulier werkt niet.');
    await send(canvasElement);
    await until(() => inShadow(canvasElement, '#error-summary'), 'the error summary');
  },
};

export const LangeTekst: Story = {
  name: 'Pagina: lange tekst en lange woorden',
  render: (_args, { globals }) => feedback(globals.locale, client()),
  play: async ({ canvasElement }) => {
    await answer(canvasElement, 1);
    await type(
      canvasElement,
      '#comment',
      'Ik zocht informatie over de aanvraag van een parkeervergunning voor bewoners en ' +
        'kon niet vinden welke bewijsstukken ik moet meenemen. Ook de pagina ' +
        'https://www.example.nl/parkeren/vergunningen/bewonersparkeervergunning-aanvragen-en-verlengen is erg lang.',
    );
  },
};
