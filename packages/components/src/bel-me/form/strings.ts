// Copy of the form of <dichtbij-bel-me> (loaded with the form, on first use). B1 Dutch ("u") is the
// source; English is complete. The button's and the dialog's own copy is in ../strings.ts, so a page
// with only the button stays small. Dates arrive written out ("dinsdag 26 mei", the SDK's humanDate).
import type { ExpectedCallback } from '@dichtbij/sdk/schemas/callback';
import type { PhoneProblem } from '@dichtbij/sdk/phone';
import type { CallbackPromise } from '@dichtbij/sdk/bel-me';
import type { QueuedReason } from '@dichtbij/sdk/outbox';

/** Why sending did not work, as the resident is told. */
export type SendProblem = 'network' | 'server' | 'bad_response' | 'rejected' | 'unavailable' | 'gave_up';
import type { StringTable } from '../../shared/i18n.ts';

type Part = 'morning' | 'afternoon';
/** '08:30' → '8:30', as in running text. */
const clockText = (time: string) => time.replace(/^0(\d:)/, '$1');
type Row = 'page' | 'case' | 'summary';

export interface BelMeFormStrings {
  /** `day`: the promise's date written out. */
  promise: (p: CallbackPromise, day: string) => string;
  phone: string;
  phoneHint: string;
  phoneProblem: Record<PhoneProblem, string>;
  phoneRefused: string;
  name: string;
  optional: string;
  topic: string;
  chooseTopic: string;
  question: string;
  /** How many characters are left in "Uw vraag". */
  charactersLeft: (left: number) => string;
  when: string;
  asap: string;
  part: Record<Part, string>;
  slotGone: string;
  privacyBefore: string;
  privacyLink: string;
  privacyAfter: string;
  newWindow: string;
  handoffTitle: string;
  handoffIntro: string;
  handoffRow: Record<Row, string>;
  handoffRemove: string;
  handoffRemoved: string;
  submit: string;
  sending: string;
  sendingStatus: string;
  errorSummary: string;
  rateLimited: (wait?: { minutes: number; at: string }) => string;
  /** Why it was not sent, and that the input stays. */
  failed: Record<SendProblem, string>;
  /** What to do instead: call (`hours`: "Nu open tot 17:00", when known). */
  callUs: (phone: string, hours?: string) => string;
  sentTitle: string;
  reference: string;
  /** `day`: the expected date written out. */
  expected: (e: ExpectedCallback, day: string) => string;
  noCall: string;
  queuedTitle: string;
  queued: Record<QueuedReason, string>;
  queuedLater: Record<QueuedReason, string>;
  sentLater: string;
  noWait: string;
}

const minutesNl = (m: number) =>
  m === 60
    ? 'een uur'
    : m === 30
      ? 'een half uur'
      : m === 90
        ? 'anderhalf uur'
        : m % 60 === 0
          ? `${m / 60} uur`
          : `${m} minuten`;
const minutesEn = (m: number) =>
  m === 60 ? 'an hour' : m === 30 ? 'half an hour' : m % 60 === 0 ? `${m / 60} hours` : `${m} minutes`;

export const formStrings: StringTable<BelMeFormStrings> = {
  nl: {
    promise: (p, day) => {
      switch (p.kind) {
        case 'within':
          return `We bellen u vandaag terug, meestal binnen ${minutesNl(p.minutes)}.`;
        case 'today-or-next':
          return `We bellen u vandaag terug, of anders op de volgende werkdag: ${day}.`;
        case 'later-today':
          return `We bellen u vandaag terug, na ${clockText(p.from)}.`;
        case 'next-working-day':
          return `We bellen u terug op de volgende werkdag: ${day}.`;
        default:
          return 'We bellen u zo snel mogelijk terug.';
      }
    },
    phone: 'Telefoonnummer',
    phoneHint: 'Bijvoorbeeld 06 12345678 of 0345 123456.',
    phoneProblem: {
      empty: 'Vul uw telefoonnummer in.',
      invalid: 'Dit telefoonnummer klopt niet. Kijk of u alle cijfers goed heeft ingevuld, bijvoorbeeld 06 12345678.',
      premium:
        'Naar een betaalnummer, zoals een 0900-nummer, bellen we niet. Vul het nummer in waarop wij u kunnen bellen.',
      not_personal:
        'Op dit nummer kunnen we u niet bellen. Het is bijvoorbeeld een 0800- of 14-nummer. Vul uw eigen vaste of mobiele nummer in.',
      international_not_allowed:
        'We kunnen alleen naar een Nederlands nummer bellen. Vul een Nederlands telefoonnummer in.',
    },
    phoneRefused: 'We konden dit telefoonnummer niet gebruiken. Kijk of het goed is.',
    name: 'Naam',
    optional: '(niet verplicht)',
    topic: 'Onderwerp',
    chooseTopic: 'Kies een onderwerp',
    question: 'Uw vraag',
    charactersLeft: (left) => (left === 1 ? 'U heeft nog 1 teken over.' : `U heeft nog ${left} tekens over.`),
    when: 'Wanneer mogen we u bellen?',
    asap: 'Zo snel mogelijk',
    part: { morning: 'ochtend', afternoon: 'middag' },
    slotGone: 'Het moment dat u koos kan niet meer. Kies een ander moment.',
    privacyBefore: 'We gebruiken uw gegevens alleen om u terug te bellen. Lees meer in onze ',
    privacyLink: 'privacyverklaring',
    privacyAfter: '.',
    newWindow: '(opent in een nieuw tabblad)',
    handoffTitle: 'Dit sturen we mee',
    handoffIntro: 'Zo hoeft u uw vraag niet opnieuw uit te leggen.',
    handoffRow: { page: 'Pagina', case: 'Zaak', summary: 'Gesprek' },
    handoffRemove: 'Niet meesturen',
    handoffRemoved: 'We sturen deze gegevens niet mee.',
    submit: 'Verstuur',
    sending: 'Bezig met versturen…',
    sendingStatus: 'We versturen uw verzoek.',
    errorSummary: 'Controleer het volgende:',
    rateLimited: (wait) =>
      wait
        ? `U heeft het te vaak geprobeerd. Probeer het over ${wait.minutes === 1 ? '1 minuut' : `${wait.minutes} minuten`} opnieuw (na ${clockText(wait.at)}).`
        : 'U heeft het te vaak geprobeerd. Probeer het later opnieuw.',
    failed: {
      network:
        'Uw verzoek is niet verstuurd, want er is geen internetverbinding. Wat u heeft ingevuld blijft staan. Probeer het opnieuw als u weer online bent.',
      server:
        'Uw verzoek is niet verstuurd, want de server van de gemeente reageert nu niet. Wat u heeft ingevuld blijft staan. Probeer het later opnieuw.',
      bad_response:
        'Misschien is uw verzoek niet verstuurd. We begrijpen het antwoord van de server van de gemeente niet. Wat u heeft ingevuld blijft staan.',
      rejected: 'De gemeente heeft uw verzoek niet aangenomen. Wat u heeft ingevuld blijft staan.',
      unavailable: 'U kunt nu geen terugbelverzoek doen. Wat u heeft ingevuld blijft staan.',
      gave_up:
        'We hebben een paar keer geprobeerd uw verzoek te versturen. Maar de server van de gemeente reageert niet. We proberen het niet meer. Wat u heeft ingevuld staat er nog.',
    },
    callUs: (phone, hours) => `Bel ons liever zelf op ${phone}.${hours ? ` ${hours}.` : ''}`,
    sentTitle: 'We hebben uw verzoek ontvangen',
    reference: 'Uw kenmerk:',
    expected: (e, day) =>
      e.kind === 'today'
        ? e.from
          ? `We bellen u vandaag terug, tussen ${clockText(e.from)} en ${clockText(e.before)}.`
          : `We bellen u vandaag terug, voor ${clockText(e.before)}.`
        : e.kind === 'today-or-next'
          ? `We bellen u vandaag terug, voor ${clockText(e.before)}. Lukt dat niet, dan op ${day}.`
          : e.kind === 'slot'
            ? `We bellen u op ${day} terug, in de ${e.part === 'morning' ? 'ochtend' : 'middag'}.`
            : `We bellen u op ${day} terug.`,
    noCall: 'Heeft u dan niets van ons gehoord? Bel ons op',
    queuedTitle: 'Uw verzoek is nog niet verstuurd',
    queued: {
      network: 'Er is nu geen internetverbinding. Uw verzoek staat klaar op dit apparaat.',
      server: 'De server van de gemeente reageert nu niet. Uw verzoek staat klaar op dit apparaat.',
      timeout: 'De server van de gemeente reageert nu niet. Uw verzoek staat klaar op dit apparaat.',
      bad_response:
        'De server van de gemeente gaf een antwoord dat we niet begrijpen. Uw verzoek staat klaar op dit apparaat.',
    },
    queuedLater: {
      network: 'We versturen het vanzelf als de verbinding terug is. Laat deze pagina zo lang open.',
      server: 'We proberen het straks vanzelf nog een paar keer. Laat deze pagina zo lang open.',
      timeout: 'We proberen het straks vanzelf nog een paar keer. Laat deze pagina zo lang open.',
      bad_response: 'We proberen het straks vanzelf nog een paar keer. Laat deze pagina zo lang open.',
    },
    sentLater: 'Uw verzoek is nu verstuurd.',
    noWait: 'Wilt u niet wachten? Bel ons op',
  },
  en: {
    promise: (p, day) => {
      switch (p.kind) {
        case 'within':
          return `We will call you back today, usually within ${minutesEn(p.minutes)}.`;
        case 'today-or-next':
          return `We will call you back today, or else on the next working day: ${day}.`;
        case 'later-today':
          return `We will call you back today, after ${clockText(p.from)}.`;
        case 'next-working-day':
          return `We will call you back on the next working day: ${day}.`;
        default:
          return 'We will call you back as soon as possible.';
      }
    },
    phone: 'Phone number',
    phoneHint: 'For example 06 12345678 or 0345 123456.',
    phoneProblem: {
      empty: 'Enter your phone number.',
      invalid: 'This phone number is not right. Check that you entered all digits, for example 06 12345678.',
      premium: 'We do not call paid numbers, such as 0900 numbers. Enter a number we can call you on.',
      not_personal:
        'We cannot call you on this number. It is, for example, an 0800 or 14 number. Enter your own landline or mobile number.',
      international_not_allowed: 'We can only call Dutch numbers. Enter a Dutch phone number.',
    },
    phoneRefused: 'We could not use this phone number. Please check it.',
    name: 'Name',
    optional: '(optional)',
    topic: 'Topic',
    chooseTopic: 'Choose a topic',
    question: 'Your question',
    charactersLeft: (left) => (left === 1 ? 'You have 1 character left.' : `You have ${left} characters left.`),
    when: 'When may we call you?',
    asap: 'As soon as possible',
    part: { morning: 'morning', afternoon: 'afternoon' },
    slotGone: 'The moment you chose is no longer possible. Choose another moment.',
    privacyBefore: 'We only use your details to call you back. Read more in our ',
    privacyLink: 'privacy statement',
    privacyAfter: '.',
    newWindow: '(opens in a new tab)',
    handoffTitle: 'We will send this along',
    handoffIntro: 'So you do not have to explain your question again.',
    handoffRow: { page: 'Page', case: 'Case', summary: 'Conversation' },
    handoffRemove: 'Do not send this',
    handoffRemoved: 'We will not send these details.',
    submit: 'Send',
    sending: 'Sending…',
    sendingStatus: 'We are sending your request.',
    errorSummary: 'Please check the following:',
    rateLimited: (wait) =>
      wait
        ? `You have tried too often. Try again in ${wait.minutes === 1 ? '1 minute' : `${wait.minutes} minutes`} (after ${clockText(wait.at)}).`
        : 'You have tried too often. Please try again later.',
    failed: {
      network:
        'Your request was not sent because there is no internet connection. What you entered stays here. Please try again when you are back online.',
      server:
        "Your request was not sent because the municipality's server is not responding right now. What you entered stays here. Please try again later.",
      bad_response:
        "Your request may not have been sent. We do not understand the answer from the municipality's server. What you entered stays here.",
      rejected: 'The municipality did not accept your request. What you entered stays here.',
      unavailable: 'You cannot request a call-back right now. What you entered stays here.',
      gave_up:
        "We tried to send your request several times. But the municipality's server is not responding. We will not try again. What you entered is still here.",
    },
    callUs: (phone, hours) => `You can call us yourself on ${phone}.${hours ? ` ${hours}.` : ''}`,
    sentTitle: 'We have received your request',
    reference: 'Your reference:',
    expected: (e, day) =>
      e.kind === 'today'
        ? e.from
          ? `We will call you back today, between ${clockText(e.from)} and ${clockText(e.before)}.`
          : `We will call you back today, before ${clockText(e.before)}.`
        : e.kind === 'today-or-next'
          ? `We will call you back today, before ${clockText(e.before)}. If we cannot, then on ${day}.`
          : e.kind === 'slot'
            ? `We will call you back on ${day}, in the ${e.part}.`
            : `We will call you back on ${day}.`,
    noCall: 'Not heard from us by then? Call us on',
    queuedTitle: 'Your request has not been sent yet',
    queued: {
      network: 'There is no internet connection right now. Your request is ready on this device.',
      server: "The municipality's server is not responding right now. Your request is ready on this device.",
      timeout: "The municipality's server is not responding right now. Your request is ready on this device.",
      bad_response:
        "The municipality's server gave an answer we do not understand. Your request is ready on this device.",
    },
    queuedLater: {
      network: 'We will send it automatically when the connection is back. Please keep this page open until then.',
      server: 'We will try a few more times shortly. Please keep this page open until then.',
      timeout: 'We will try a few more times shortly. Please keep this page open until then.',
      bad_response: 'We will try a few more times shortly. Please keep this page open until then.',
    },
    sentLater: 'Your request has now been sent.',
    noWait: 'Rather not wait? Call us on',
  },
};
