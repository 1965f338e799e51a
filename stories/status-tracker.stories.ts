import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createClient,
  DichtbijError,
  demoCases,
  memoryAdapter,
  memoryStore,
  type CaseStatus,
  type MemorySeed,
} from '@dichtbij/sdk';
import '@dichtbij/components/status-tracker';

/**
 * `<dichtbij-status-tracker>`: track & trace for a resident's case (zaak). Every state, with the
 * in-memory backend and a fixed clock. "Thema" and "Taal" in the toolbar switch the theme and
 * language. The cases are made up (see the SDK's demo data).
 */
const meta: Meta = {
  title: 'Elementen/Status van uw aanvraag',
  component: 'dichtbij-status-tracker',
};
export default meta;
type Story = StoryObj;

const ON_TIME = () => new Date('2026-11-02T09:00:00Z');
const LATE = () => new Date('2027-01-05T09:00:00Z');
const SUSPENDED_AT = () => new Date('2026-09-20T09:00:00Z');

const clone = <T>(value: T): T => structuredClone(value);
const extended = {
  check: '4191 AB',
  status: {
    ...clone(demoCases[0]!.status),
    reference: 'Z-2026-0200',
    title: 'Kapvergunning',
    extended: { days: 42, reason: 'We vragen advies aan een boomdeskundige.' },
  },
};
const client = (seed: MemorySeed = {}) =>
  createClient({
    adapter: memoryAdapter({ cases: [...clone(demoCases), clone(extended)], latency: 400, ...seed }),
    outboxStore: memoryStore(),
  });

type Attrs = { reference?: string; check?: string; mine?: boolean; loginUrl?: string; poll?: number };
const tracker = (locale: string, c: ReturnType<typeof client> | undefined, attrs: Attrs = {}, clock = ON_TIME) => html`
  <dichtbij-status-tracker
    locale=${locale}
    .client=${c}
    .clock=${clock}
    reference=${attrs.reference ?? ''}
    check=${attrs.check ?? ''}
    ?mine=${attrs.mine ?? false}
    login-url=${attrs.loginUrl ?? ''}
    .poll=${attrs.poll}
  ></dichtbij-status-tracker>
`;
const dakkapel = { reference: 'Z-2026-0142', check: '4191 AB' };

export const Opzoeken: Story = {
  name: 'Opzoeken (formulier)',
  parameters: { docs: { description: { story: 'Try Z-2026-0142 with 4191 AB, or Z-2026-0077 with 4001 XZ.' } } },
  render: (_args, { globals }) => tracker(globals.locale, client()),
};

export const Laden: Story = {
  name: 'Laden (skeleton)',
  render: (_args, { globals }) => tracker(globals.locale, client({ latency: 60 * 60 * 1000 }), dakkapel),
};

export const Gevonden: Story = {
  name: 'Gevonden',
  render: (_args, { globals }) => tracker(globals.locale, client(), dakkapel),
};

export const Vertraagd: Story = {
  name: 'Vertraagd',
  render: (_args, { globals }) => tracker(globals.locale, client(), dakkapel, LATE),
};

export const StaatStil: Story = {
  name: 'Staat stil (opgeschort)',
  render: (_args, { globals }) =>
    tracker(globals.locale, client(), { reference: 'Z-2026-0077', check: '4001 XZ' }, SUSPENDED_AT),
};

export const Verlengd: Story = {
  name: 'Termijn verlengd',
  render: (_args, { globals }) => tracker(globals.locale, client(), { reference: 'Z-2026-0200', check: '4191 AB' }),
};

export const Afgerond: Story = {
  name: 'Afgerond',
  render: (_args, { globals }) => tracker(globals.locale, client(), { reference: 'Z-2026-0031', check: '4191 AB' }),
};

export const NietGevonden: Story = {
  name: 'Niet gevonden (zelfde tekst bij verkeerde postcode)',
  render: (_args, { globals }) => tracker(globals.locale, client(), { reference: 'Z-2026-0142', check: '1234 ZZ' }),
};

export const Storing: Story = {
  name: 'Storing (met telefoonnummer)',
  render: (_args, { globals }) =>
    tracker(
      globals.locale,
      client({ fail: (op) => (op === 'getCase' ? new DichtbijError('validation', 'malformed zaak') : undefined) }),
      dakkapel,
    ),
};

export const StoringZonderConfig: Story = {
  name: 'Storing (ook geen configuratie)',
  render: (_args, { globals }) =>
    tracker(globals.locale, client({ fail: () => new DichtbijError('server', 'down', { status: 503 }) }), dakkapel),
};

export const TeVaakGezocht: Story = {
  name: 'Te vaak gezocht',
  render: (_args, { globals }) =>
    tracker(
      globals.locale,
      client({ fail: () => new DichtbijError('rate_limited', 'slow down', { status: 429, retryAfter: 300 }) }),
      dakkapel,
    ),
};

export const GeenVerbinding: Story = {
  name: 'Geen verbinding (offline)',
  render: (_args, { globals }) =>
    tracker(
      globals.locale,
      client({ fail: (op) => (op === 'getCase' ? new DichtbijError('network', 'offline') : undefined) }),
      dakkapel,
    ),
};

export const NietIngelogd: Story = {
  name: 'Mijn zaken: niet (meer) ingelogd',
  render: (_args, { globals }) =>
    tracker(
      globals.locale,
      client({
        fail: (op) =>
          op === 'listCases' ? new DichtbijError('unauthorized', 'no session', { status: 401 }) : undefined,
      }),
      { mine: true, loginUrl: 'https://www.example.nl/inloggen' },
    ),
};

export const MijnZaken: Story = {
  name: 'Mijn zaken',
  render: (_args, { globals }) =>
    tracker(globals.locale, client({ myCases: [...demoCases.map((c) => clone(c.status)), clone(extended.status)] }), {
      mine: true,
    }),
};

export const MijnZakenLeeg: Story = {
  name: 'Mijn zaken: geen aanvragen',
  render: (_args, { globals }) => tracker(globals.locale, client({ myCases: [] }), { mine: true }),
};

/** Every 5 seconds the "zaaksysteem" moves the case one step on; the change is announced once. */
export const Live: Story = {
  name: 'Live bijwerken (poll)',
  render: (_args, { globals }) => {
    const seeded = clone(demoCases[0]!);
    const steps = seeded.status.steps;
    let at = steps.findIndex((s) => s.state === 'current');
    const c = client({ cases: [seeded], latency: 200 });
    const timer = setInterval(() => {
      if (at >= steps.length - 1) return clearInterval(timer);
      at += 1;
      seeded.status = {
        ...seeded.status,
        steps: steps.map((s, i) => ({
          ...s,
          state: i < at ? 'done' : i === at ? 'current' : 'upcoming',
          completedAt: i < at ? (s.completedAt ?? '2026-11-02') : null,
        })),
      };
    }, 5000);
    return tracker(globals.locale, c, { ...dakkapel, poll: 5 });
  },
};

const fifty: CaseStatus = {
  reference: 'Z-2026-0500',
  title: 'Bestemmingsplan: zienswijze',
  startedOn: '2026-01-05',
  plannedEnd: '2027-06-30',
  deadline: '2027-09-30',
  closed: false,
  steps: Array.from({ length: 50 }, (_, i) => ({
    title: `Stap ${i + 1}`,
    text: i % 3 === 0 ? 'Een medewerker bekijkt deze stap.' : undefined,
    state: i < 20 ? 'done' : i === 20 ? 'current' : 'upcoming',
    completedAt: i < 20 ? '2026-02-01' : null,
  })),
};

export const VijftigStappen: Story = {
  name: 'Vijftig stappen',
  render: (_args, { globals }) =>
    tracker(globals.locale, client({ cases: [{ status: fifty }] }), { reference: 'Z-2026-0500' }),
};

export const NietIngesteld: Story = {
  name: 'Niet ingesteld (geen api)',
  render: (_args, { globals }) => tracker(globals.locale, undefined, dakkapel),
};
