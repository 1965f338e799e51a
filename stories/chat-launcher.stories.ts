import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import {
  createClient,
  DichtbijError,
  demoConfig,
  memoryAdapter,
  memoryStore,
  type ChatAdapter,
  type DichtbijClient,
  type GemeenteConfig,
  type MemoryAdapter,
  type MemorySeed,
} from '@dichtbij/sdk';
import '@dichtbij/components/chat-launcher';
import '@dichtbij/components/bel-me';
import type { DichtbijChatLauncher } from '@dichtbij/components/chat-launcher';

/**
 * `<dichtbij-chat-launcher>`: the launcher button (a tiny facade that loads the chat panel on the
 * first click) and the panel in every state, with the in-memory backend and a fixed clock.
 * "Thema" and "Taal" in the toolbar switch the theme and language. The launcher sits at the bottom
 * of the canvas, as on a page.
 */
const meta: Meta = {
  title: 'Elementen/Chat',
  component: 'dichtbij-chat-launcher',
};
export default meta;
type Story = StoryObj;

/** Tuesday 26 May 2026, 10:00: live chat hours, a staff member online. */
const OPEN = () => new Date('2026-05-26T08:00:00Z');
/** Tuesday 26 May 2026, 20:00: closed until Wednesday 8:30. */
const EVENING = () => new Date('2026-05-26T18:00:00Z');

const answers: MemorySeed['bot'] = (text) =>
  /paspoort|passport/i.test(text)
    ? {
        text: 'U vraagt een paspoort aan bij de gemeente waar u woont. Maak eerst een afspraak. Neem uw oude paspoort en een pasfoto mee.',
        links: [{ title: 'Paspoort of ID-kaart aanvragen', url: 'https://www.example.nl/paspoort-id-kaart' }],
        quickReplies: ['Praat met een medewerker'],
      }
    : undefined;

interface Made {
  client: DichtbijClient;
  adapter: MemoryAdapter;
}

function make(seed: MemorySeed = {}, clock = OPEN, config?: Partial<GemeenteConfig>): Made {
  const adapter = memoryAdapter({
    now: clock,
    bot: answers,
    ...(config ? { config: { ...demoConfig, ...config } } : {}),
    ...seed,
  });
  return {
    adapter,
    client: createClient({ adapter, outboxStore: memoryStore(), retry: { baseDelay: 24 * 3_600_000 } }),
  };
}

type Attrs = {
  status?: string;
  live?: boolean;
  position?: string;
  offset?: string;
  provider?: string;
  topic?: string;
  timeout?: string;
};
function launcher(locale: string, m: Made | undefined, attrs: Attrs = {}, clock = OPEN) {
  // Every story starts without a stored chat (stories share the tab's sessionStorage).
  sessionStorage.removeItem('dichtbij-chat');
  return html`<dichtbij-chat-launcher
    locale=${locale}
    .client=${m?.client}
    .clock=${clock}
    status=${attrs.status ?? nothing}
    ?live=${attrs.live ?? false}
    position=${attrs.position ?? nothing}
    offset=${attrs.offset ?? nothing}
    topic=${attrs.topic ?? nothing}
    agent-timeout=${attrs.timeout ?? nothing}
    provider=${attrs.provider ?? nothing}
    provider-open=${attrs.provider ? 'ChatProvider.open' : nothing}
  ></dichtbij-chat-launcher>`;
}
const launcherIn = (canvas: HTMLElement) => canvas.querySelector<DichtbijChatLauncher>('dichtbij-chat-launcher')!;
/** A label in the launcher's language. */
const say = (el: DichtbijChatLauncher, nl: string, en: string) => (el.getAttribute('locale') === 'en' ? en : nl);
const TALK = ['Praat met een medewerker', 'Talk to a staff member'] as const;

// --- play helpers (plain DOM: the shadow roots) --------------------------------------------------

async function until<T>(find: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Story: ${what} did not appear`);
}
const panelRoot = (el: DichtbijChatLauncher) => el.shadowRoot?.querySelector('dichtbij-chat-panel')?.shadowRoot;
const sessionId = (el: DichtbijChatLauncher) =>
  (el.shadowRoot!.querySelector('dichtbij-chat-panel') as unknown as { session?: { id: string } }).session!.id;
async function open(canvas: HTMLElement) {
  const el = launcherIn(canvas);
  await el.open();
  await until(() => panelRoot(el)?.querySelector('.msg--bot'), 'the greeting');
  return el;
}
async function ask(el: DichtbijChatLauncher, text: string) {
  const root = panelRoot(el)!;
  const textarea = root.querySelector('textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  const count = root.querySelectorAll('.msg').length;
  await until(() => root.querySelectorAll('.msg').length > count, 'the message');
}
async function click(el: DichtbijChatLauncher, label: string) {
  const root = panelRoot(el)!;
  const button = await until(
    () => [...root.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === label),
    `the button "${label}"`,
  );
  button.click();
}

// --- the launcher --------------------------------------------------------------------------------

export const Online: Story = {
  name: 'Knop: medewerkers online',
  render: (_args, { globals }) =>
    launcher(globals.locale, make(), {
      status: globals.locale === 'en' ? 'staff online now' : 'medewerkers nu online',
      live: true,
    }),
};

export const Buiten: Story = {
  name: 'Knop: buiten openingstijd',
  render: (_args, { globals }) =>
    launcher(
      globals.locale,
      make({}, EVENING),
      {
        status:
          globals.locale === 'en'
            ? 'chatbot, staff back tomorrow from 8:30'
            : 'chatbot, medewerkers weer morgen vanaf 8:30',
      },
      EVENING,
    ),
};

export const Ongelezen: Story = {
  name: 'Knop: ongelezen berichten',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const m = make();
    const el = launcherIn(canvasElement);
    el.client = m.client;
    await open(canvasElement);
    await click(el, say(el, ...TALK));
    el.close();
    m.adapter.agentSays(sessionId(el), 'Hallo, ik ben Anna. Waarmee kan ik u helpen?', 'Anna');
    m.adapter.agentSays(sessionId(el), 'Bent u er nog?', 'Anna');
  },
};

export const Links: Story = {
  name: 'Knop: links en hoger (boven een cookiebalk)',
  render: (_args, { globals }) => launcher(globals.locale, make(), { position: 'start', offset: '6rem' }),
};

export const Leverancier: Story = {
  name: 'Knop: chat van een leverancier (provider)',
  parameters: {
    docs: {
      description: {
        story:
          "With `provider`, the same button loads the platform's script on the first click only. Here the URL does not exist, so the click shows the error message.",
      },
    },
  },
  render: (_args, { globals }) =>
    launcher(globals.locale, undefined, {
      provider: '/chat-provider-demo.js',
      status: 'medewerkers nu online',
      live: true,
    }),
};

// --- the panel -----------------------------------------------------------------------------------

export const Welkom: Story = {
  name: 'Paneel: welkom van de chatbot',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => void (await open(canvasElement)),
};

export const Antwoord: Story = {
  name: 'Paneel: antwoord met link en snelle antwoorden',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await until(() => panelRoot(el)!.querySelector('.links a'), 'the answer');
  },
};

export const Typen: Story = {
  name: 'Paneel: de chatbot typt',
  render: (_args, { globals }) => {
    // A backend whose bot never answers: the typing indicator stays.
    const m = make();
    const chat: ChatAdapter = {
      ...m.adapter.chat,
      send: async (_id, input) => ({
        id: 'r1',
        seq: 1,
        from: 'resident',
        text: input.text,
        clientId: input.clientId,
        at: OPEN().toISOString(),
      }),
    };
    const client = createClient({ adapter: { ...m.adapter, chat }, outboxStore: memoryStore() });
    return launcher(globals.locale, { ...m, client });
  },
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await ask(el, 'Wanneer wordt het afval opgehaald?');
  },
};

export const NietBekend: Story = {
  name: 'Paneel: de chatbot weet het niet',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await ask(el, 'Wat is de hoofdstad van Frankrijk?');
  },
};

export const Wachtrij: Story = {
  name: 'Paneel: in de wachtrij',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await click(el, say(el, ...TALK));
  },
};

export const Medewerker: Story = {
  name: 'Paneel: in gesprek met een medewerker',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const m = make();
    const el = launcherIn(canvasElement);
    el.client = m.client;
    await open(canvasElement);
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await click(el, say(el, ...TALK));
    m.adapter.agentSays(sessionId(el), 'Goedemiddag, ik ben Anna. Wanneer wilt u op reis?', 'Anna');
  },
};

export const NiemandVrij: Story = {
  name: 'Paneel: nog niemand vrij (terugbellen aangeboden)',
  render: (_args, { globals }) => launcher(globals.locale, make(), { timeout: '1' }),
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await click(el, say(el, ...TALK));
    await until(() => panelRoot(el)!.textContent?.includes('Bel mij terug'), 'the offer');
  },
};

export const Gesloten: Story = {
  name: 'Paneel: buiten openingstijd (terugbellen of bericht)',
  render: (_args, { globals }) =>
    html`${launcher(globals.locale, make({}, EVENING), { topic: 'Paspoort of ID-kaart' }, EVENING)}
      <dichtbij-bel-me
        locale=${globals.locale}
        .client=${make({}, EVENING).client}
        .clock=${EVENING}
      ></dichtbij-bel-me>`,
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await click(el, say(el, ...TALK));
  },
};

export const Herstellen: Story = {
  name: 'Paneel: verbinding herstellen, bericht nog niet verstuurd',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const m = make();
    const el = launcherIn(canvasElement);
    el.client = m.client;
    await open(canvasElement);
    m.adapter.setOffline(true);
    await ask(el, 'Is mijn paspoort al klaar?');
  },
};

export const TeSnel: Story = {
  name: 'Paneel: te veel berichten kort na elkaar',
  render: (_args, { globals }) => {
    let started = false;
    return launcher(
      globals.locale,
      make({
        fail: (op) => {
          if (op !== 'chat') return undefined;
          if (!started) return ((started = true), undefined);
          return new DichtbijError('rate_limited', 'slow down', { retryAfter: 8 });
        },
      }),
    );
  },
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    const root = panelRoot(el)!;
    const textarea = root.querySelector('textarea')!;
    textarea.value = 'Nog een vraag';
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => root.querySelector('.message--error'), 'the message');
  },
};

export const Beeindigd: Story = {
  name: 'Paneel: gesprek beëindigd',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const el = await open(canvasElement);
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await click(el, say(el, 'Gesprek beëindigen', 'End conversation'));
  },
};

export const StartMislukt: Story = {
  name: 'Paneel: de chat kan niet starten',
  render: (_args, { globals }) =>
    launcher(globals.locale, make({ fail: (op) => (op === 'chat' ? new DichtbijError('server', 'down') : undefined) })),
  play: async ({ canvasElement }) => {
    const el = launcherIn(canvasElement);
    await el.open();
    await until(() => panelRoot(el)?.querySelector('.center button'), 'the error');
  },
};

export const Verlopen: Story = {
  name: 'Paneel: vorig gesprek niet meer beschikbaar',
  render: (_args, { globals }) => {
    const template = launcher(globals.locale, make());
    sessionStorage.setItem(
      'dichtbij-chat',
      JSON.stringify({
        v: 1,
        backend: 'memory',
        sessionId: 'chat-oud',
        session: { id: 'chat-oud', state: 'bot' },
        messages: [],
        pending: [],
        open: false,
        unread: 0,
      }),
    );
    return template;
  },
  play: async ({ canvasElement }) => {
    const el = launcherIn(canvasElement);
    await el.open();
    await until(() => panelRoot(el)?.querySelector('.notices .message'), 'the notice');
  },
};

// --- more states: loading, long content --------------------------------------------------------

export const PaneelLaden: Story = {
  name: 'Paneel: verbinding maken (laden)',
  render: (_args, { globals }) => {
    // A backend whose chat never starts: the panel's loading state stays.
    const m = make();
    const chat: ChatAdapter = { ...m.adapter.chat, start: () => new Promise(() => {}) };
    const client = createClient({ adapter: { ...m.adapter, chat }, outboxStore: memoryStore() });
    return launcher(globals.locale, { ...m, client });
  },
  play: async ({ canvasElement }) => {
    const el = launcherIn(canvasElement);
    void el.open();
    await until(() => panelRoot(el), 'the panel');
  },
};

export const LangGesprek: Story = {
  name: 'Paneel: lang gesprek met lange berichten',
  render: (_args, { globals }) => launcher(globals.locale, make()),
  play: async ({ canvasElement }) => {
    const m = make();
    const el = launcherIn(canvasElement);
    el.client = m.client;
    await open(canvasElement);
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await ask(
      el,
      'Ik woon sinds kort in de gemeente en mijn paspoort is verlopen terwijl ik over drie weken op reis ga. ' +
        'Kan ik nog op tijd een nieuw paspoort krijgen, en wat gebeurt er als de pasfoto niet wordt goedgekeurd?',
    );
    await click(el, say(el, ...TALK));
    m.adapter.agentSays(
      sessionId(el),
      'Goedemiddag, ik ben Anna. Een nieuw paspoort is meestal binnen vijf werkdagen klaar. Kijk voor de eisen aan de ' +
        'pasfoto op https://www.example.nl/burgerzaken/paspoort-en-identiteitskaart/eisen-aan-de-pasfoto-en-handtekening.',
      'Anna',
    );
    await until(() => panelRoot(el)!.textContent?.includes('Anna'), 'the agent');
  },
};
