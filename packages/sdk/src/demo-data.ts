import type { CaseStatus, GemeenteConfig } from './schemas.ts';

/**
 * Demo data for Storybook, docs and the memory adapter. Illustrative: names, numbers and
 * cases are made up; the phone number and URLs are placeholders a gemeente replaces.
 */
export const demoConfig: GemeenteConfig = {
  name: 'Gemeente West Betuwe',
  theme: 'west-betuwe',
  phone: '14 0345',
  privacyUrl: 'https://www.example.nl/privacyverklaring',
  openingHours: {
    weekly: {
      mon: [['08:30', '17:00']],
      tue: [['08:30', '17:00']],
      wed: [['08:30', '17:00']],
      thu: [['08:30', '20:00']],
      fri: [['08:30', '12:30']],
    },
    closedDates: ['2026-05-15', '2027-05-07'],
    holidays: { goodFriday: false, liberationDay: 'lustrum' },
  },
  callback: {
    topics: [
      { id: 'paspoort-id', label: 'Paspoort of ID-kaart', labelEn: 'Passport or ID card' },
      { id: 'verhuizen', label: 'Verhuizen', labelEn: 'Moving house' },
      { id: 'afval', label: 'Afval', labelEn: 'Waste' },
      {
        id: 'vergunning',
        label: 'Vergunning',
        labelEn: 'Permit',
        zaaktypen: ['omgevingsvergunning', 'parkeervergunning'],
      },
      { id: 'zorg', label: 'Zorg en ondersteuning (Wmo)', labelEn: 'Care and support (Wmo)' },
      { id: 'belasting', label: 'Belastingen', labelEn: 'Local taxes' },
      { id: 'anders', label: 'Iets anders', labelEn: 'Something else' },
    ],
    withinMinutes: 60,
    allowInternational: false,
  },
  chat: { enabled: true, agentsOnline: 1 },
};

export const demoCases: { status: CaseStatus; check?: string }[] = [
  {
    check: '4191 AB',
    status: {
      reference: 'Z-2026-0142',
      title: 'Omgevingsvergunning: dakkapel',
      caseType: 'omgevingsvergunning',
      kind: 'aanvraag',
      startedOn: '2026-10-05',
      plannedEnd: '2026-12-14',
      deadline: '2027-01-25',
      closed: false,
      steps: [
        { title: 'Ontvangen', text: 'We hebben uw aanvraag ontvangen.', state: 'done', completedAt: '2026-10-05' },
        {
          title: 'In behandeling',
          text: 'Een medewerker bekijkt uw aanvraag.',
          state: 'done',
          completedAt: '2026-10-12',
        },
        {
          title: 'Beoordeling',
          text: 'We toetsen uw plan aan de regels. Soms vragen we advies aan de welstandscommissie.',
          state: 'current',
          completedAt: null,
        },
        { title: 'Besluit', text: 'U krijgt ons besluit per post en in MijnOverheid.', state: 'upcoming' },
      ],
    },
  },
  {
    check: '4001 XZ',
    status: {
      reference: 'Z-2026-0077',
      title: 'Bijzondere bijstand',
      caseType: 'bijzondere-bijstand',
      kind: 'aanvraag',
      startedOn: '2026-08-20',
      plannedEnd: '2026-10-01',
      deadline: '2026-11-12',
      closed: false,
      suspended: { since: '2026-09-10', reason: 'We wachten op uw bankafschriften.' },
      steps: [
        { title: 'Ontvangen', state: 'done', completedAt: '2026-08-20' },
        { title: 'Gegevens opvragen', text: 'We hebben u om extra gegevens gevraagd.', state: 'current' },
        { title: 'Besluit', state: 'upcoming' },
      ],
    },
  },
  {
    check: '4191 AB',
    status: {
      reference: 'Z-2026-0031',
      title: 'Parkeervergunning bewoners',
      caseType: 'parkeervergunning',
      kind: 'aanvraag',
      startedOn: '2026-03-02',
      plannedEnd: '2026-03-30',
      deadline: '2026-04-27',
      closed: true,
      closedOn: '2026-03-18',
      steps: [
        { title: 'Ontvangen', state: 'done', completedAt: '2026-03-02' },
        { title: 'In behandeling', state: 'done', completedAt: '2026-03-04' },
        { title: 'Besluit', text: 'Uw vergunning is verleend.', state: 'done', completedAt: '2026-03-18' },
      ],
    },
  },
];
