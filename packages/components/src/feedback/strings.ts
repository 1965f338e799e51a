import type { FeedbackReason } from '@dichtbij/sdk/schemas/feedback';
import type { PhoneProblem } from '@dichtbij/sdk/phone';
import type { PiiKind } from '@dichtbij/sdk/pii';
import type { QueuedReason } from '@dichtbij/sdk/outbox';
import type { StringTable } from '../shared/i18n.ts';

/** All copy of `<dichtbij-feedback>`. Dutch (B1, "u") is the source; every locale has every key. */
export interface FeedbackStrings {
  // page variant
  pageQuestion: string;
  yes: string;
  no: string;
  improveLegend: string;
  improveHint: string;
  reasons: Record<FeedbackReason, string>;
  // score variant
  scoreHeading: string;
  scoreLegend: string;
  scoreHint: string;
  prefilled: (score: number) => string;
  callLegend: string;
  callLabel: string;
  phoneLabel: string;
  phoneHint: string;
  // free text
  commentLabelPage: string;
  commentLabelScore: string;
  commentHint: string;
  charsLeft: (n: number) => string;
  charsOver: (n: number) => string;
  // personal data guard
  piiWarning: (found: string) => string;
  piiBsnNote: string;
  piiKinds: Record<PiiKind, string>;
  piiRemove: string;
  piiRemoved: string;
  // sending
  submit: string;
  sending: string;
  honeypotLabel: string;
  // errors
  errorTitle: string;
  scoreMissing: string;
  commentTooLong: (max: number, length: number) => string;
  phoneProblems: Record<PhoneProblem, string>;
  rateLimited: (seconds: number | undefined) => string;
  /** The gemeente refused it (4xx). */
  rejected: string;
  unavailable: string;
  /** No connection. */
  network: string;
  /** The gemeente's server does not answer (5xx, no answer in time). */
  serverDown: string;
  /** An answer came, but it was not understood. */
  badResponse: string;
  /** Offline before the form's code had loaded: nothing is lost, it goes when the connection is back. */
  waitingForConnection: string;
  /** After a failure: how to reach the gemeente instead (`hours`: "Nu open tot 17:00"). */
  callUs: (phone: string, hours?: string) => string;
  notConfigured: string;
  // result
  thanksHeading: string;
  sent: string;
  queued: Record<QueuedReason, string>;
  /** A response queued while offline has gone out. */
  queuedNowSent: string;
  /** A response queued because the server did not answer has gone out. */
  queuedNowSentLater: string;
  /** A queued response was refused after all (4xx). */
  queuedFailed: string;
  /** The server kept failing: the outbox stopped trying. */
  queuedGaveUp: string;
  alreadyAnswered: string;
  /** A personal survey link (after a callback) was used before. */
  alreadyScored: string;
  /** A personal survey link that is not valid (altered or made up). */
  badSurveyLink: string;
  offerText: string;
  offerCallback: string;
  offerChat: string;
  // hand-off summary for the next channel
  summaryNotUseful: string;
  summaryReasons: (list: string) => string;
  summaryComment: (text: string) => string;
}

function list(locale: string, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
export function listOf(locale: 'nl' | 'en', items: string[]): string {
  return list(locale === 'en' ? 'en-GB' : 'nl-NL', items);
}

const waitNl = (s: number | undefined) => {
  if (s === undefined) return 'Probeer het over een paar minuten opnieuw.';
  if (s < 60) return `Probeer het over ${Math.max(1, Math.ceil(s))} seconden opnieuw.`;
  const m = Math.ceil(s / 60);
  return m === 1 ? 'Probeer het over 1 minuut opnieuw.' : `Probeer het over ${m} minuten opnieuw.`;
};
const waitEn = (s: number | undefined) => {
  if (s === undefined) return 'Please try again in a few minutes.';
  if (s < 60) return `Please try again in ${Math.max(1, Math.ceil(s))} seconds.`;
  const m = Math.ceil(s / 60);
  return m === 1 ? 'Please try again in 1 minute.' : `Please try again in ${m} minutes.`;
};

export const strings: StringTable<FeedbackStrings> = {
  nl: {
    pageQuestion: 'Was deze informatie nuttig?',
    yes: 'Ja',
    no: 'Nee',
    improveLegend: 'Wat kunnen we verbeteren?',
    improveHint: 'Kies wat past. U mag meer dan één kiezen. Dit is niet verplicht.',
    reasons: {
      missing: 'Er ontbreekt informatie',
      unclear: 'De tekst is moeilijk te begrijpen',
      broken: 'Iets werkt niet',
      other: 'Iets anders',
    },
    scoreHeading: 'Hoe tevreden bent u?',
    scoreLegend: 'Welk cijfer geeft u voor het contact met ons?',
    scoreHint: '1 is heel slecht, 10 is heel goed.',
    prefilled: (score) => `U koos een ${score} in onze e-mail. Klopt dat? Kies dan Verstuur.`,
    callLegend: 'Mogen we u bellen over uw antwoord?',
    callLabel: 'Ja, u mag mij bellen',
    phoneLabel: 'Uw telefoonnummer',
    phoneHint: 'Bijvoorbeeld 06 12345678 of 030 123 4567.',
    commentLabelPage: 'Uitleg (niet verplicht)',
    commentLabelScore: 'Wilt u uw cijfer uitleggen? (niet verplicht)',
    commentHint: 'We lezen alle reacties, maar we kunnen niet op uw tekst antwoorden.',
    charsLeft: (n) => (n === 1 ? 'U heeft nog 1 teken over.' : `U heeft nog ${n} tekens over.`),
    charsOver: (n) => (n === 1 ? 'U heeft 1 teken te veel.' : `U heeft ${n} tekens te veel.`),
    piiWarning: (found) =>
      `In uw tekst staat iets dat lijkt op ${found}. Dat hebben we niet nodig. Haal het weg, dan blijven uw gegevens privé.`,
    piiBsnNote: 'Een BSN halen we er altijd uit voordat we uw reactie versturen.',
    piiKinds: {
      bsn: 'een burgerservicenummer (BSN)',
      phone: 'een telefoonnummer',
      email: 'een e-mailadres',
      iban: 'een rekeningnummer (IBAN)',
    },
    piiRemove: 'Haal dit uit mijn tekst',
    piiRemoved: 'We hebben het uit uw tekst gehaald.',
    submit: 'Verstuur',
    sending: 'Uw reactie wordt verstuurd…',
    honeypotLabel: 'Laat dit veld leeg',
    errorTitle: 'Er is iets niet goed gegaan',
    scoreMissing: 'Kies een cijfer van 1 tot 10.',
    commentTooLong: (max, length) => `Uw tekst is te lang. Gebruik maximaal ${max} tekens. Nu zijn het er ${length}.`,
    phoneProblems: {
      empty: 'Vul uw telefoonnummer in. Of zet het vinkje bij "Ja, u mag mij bellen" uit.',
      invalid: 'Vul een telefoonnummer in zoals 06 12345678.',
      premium: 'Naar dit nummer kunnen we niet bellen. Vul uw eigen telefoonnummer in.',
      not_personal: 'Vul uw eigen telefoonnummer in, bijvoorbeeld uw mobiele nummer.',
      international_not_allowed: 'Vul een Nederlands telefoonnummer in.',
    },
    rateLimited: (s) => `Er zijn net te veel reacties verstuurd. ${waitNl(s)} Wat u heeft ingevuld blijft staan.`,
    rejected:
      'De gemeente heeft uw reactie niet aangenomen. Wat u heeft ingevuld blijft staan. Kijk of alles goed is ingevuld.',
    unavailable: 'Het formulier werkt op dit moment niet. Probeer het later opnieuw.',
    network:
      'Uw reactie is niet verstuurd, want er is nu geen internetverbinding. Wat u heeft ingevuld blijft staan. Probeer het opnieuw als u weer online bent.',
    serverDown:
      'Uw reactie is niet verstuurd, want de server van de gemeente reageert nu niet. Wat u heeft ingevuld blijft staan. Probeer het later opnieuw.',
    badResponse:
      'Misschien is uw reactie niet verstuurd. We begrijpen het antwoord van de server van de gemeente niet. Wat u heeft ingevuld blijft staan.',
    waitingForConnection:
      'Er is nu geen internetverbinding. Wat u heeft ingevuld blijft staan. We versturen uw reactie zodra u weer online bent. Laat deze pagina zo lang open.',
    callUs: (phone, hours) => `U kunt ons ook bellen op ${phone}.${hours ? ` ${hours}.` : ''}`,
    notConfigured: 'U kunt hier nu geen reactie geven.',
    thanksHeading: 'Bedankt voor uw reactie',
    sent: 'Uw reactie is verstuurd.',
    queued: {
      network:
        'Er is nu geen internetverbinding. Uw reactie is bewaard op dit apparaat. We versturen uw reactie zodra u weer online bent.',
      server:
        'De server van de gemeente reageert nu niet. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
      timeout:
        'De server van de gemeente reageert nu niet. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
      bad_response:
        'De server van de gemeente gaf een antwoord dat we niet begrijpen. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
    },
    queuedNowSent: 'U bent weer online. Uw reactie is nu verstuurd.',
    queuedNowSentLater: 'Uw reactie is nu alsnog verstuurd.',
    queuedFailed:
      'De gemeente heeft uw reactie niet aangenomen. We proberen het niet meer. Wat u heeft ingevuld staat er nog.',
    queuedGaveUp:
      'We hebben een paar keer geprobeerd uw reactie te versturen. Maar de server van de gemeente reageert niet. We proberen het niet meer. Wat u heeft ingevuld staat er nog.',
    alreadyAnswered: 'U heeft hier al gereageerd.',
    alreadyScored: 'U heeft dit contact al een cijfer gegeven. U kunt maar één keer een cijfer geven. Dank u wel!',
    badSurveyLink: 'Deze link klopt niet. Gebruik de link uit uw e-mail, of bel ons.',
    offerText: 'Wilt u uw vraag aan een medewerker stellen?',
    offerCallback: 'Bel mij terug',
    offerChat: 'Chat met ons',
    summaryNotUseful: 'De informatie op deze pagina was niet nuttig.',
    summaryReasons: (items) => `Wat beter kan: ${items}.`,
    summaryComment: (text) => `Uitleg: ${text}`,
  },
  en: {
    pageQuestion: 'Was this information useful?',
    yes: 'Yes',
    no: 'No',
    improveLegend: 'What can we improve?',
    improveHint: 'Choose what applies. You may choose more than one. This is optional.',
    reasons: {
      missing: 'Information is missing',
      unclear: 'The text is hard to understand',
      broken: 'Something does not work',
      other: 'Something else',
    },
    scoreHeading: 'How satisfied are you?',
    scoreLegend: 'How would you rate your contact with us?',
    scoreHint: '1 is very bad, 10 is very good.',
    prefilled: (score) => `You chose ${score} in our e-mail. Is that right? Then choose Send.`,
    callLegend: 'May we call you about your answer?',
    callLabel: 'Yes, you may call me',
    phoneLabel: 'Your phone number',
    phoneHint: 'For example 06 12345678 or 030 123 4567.',
    commentLabelPage: 'Explanation (optional)',
    commentLabelScore: 'Would you like to explain your score? (optional)',
    commentHint: 'We read every response, but we cannot reply to your text.',
    charsLeft: (n) => (n === 1 ? 'You have 1 character left.' : `You have ${n} characters left.`),
    charsOver: (n) => (n === 1 ? 'You have 1 character too many.' : `You have ${n} characters too many.`),
    piiWarning: (found) =>
      `Your text contains what looks like ${found}. We do not need it. Remove it to keep your details private.`,
    piiBsnNote: 'We always remove a BSN before we send your response.',
    piiKinds: {
      bsn: 'a citizen service number (BSN)',
      phone: 'a phone number',
      email: 'an e-mail address',
      iban: 'a bank account number (IBAN)',
    },
    piiRemove: 'Remove this from my text',
    piiRemoved: 'We have removed it from your text.',
    submit: 'Send',
    sending: 'Sending your response…',
    honeypotLabel: 'Leave this field empty',
    errorTitle: 'Something went wrong',
    scoreMissing: 'Choose a score from 1 to 10.',
    commentTooLong: (max, length) => `Your text is too long. Use at most ${max} characters. It now has ${length}.`,
    phoneProblems: {
      empty: 'Enter your phone number. Or untick "Yes, you may call me".',
      invalid: 'Enter a phone number like 06 12345678.',
      premium: 'We cannot call this number. Enter your own phone number.',
      not_personal: 'Enter your own phone number, for example your mobile number.',
      international_not_allowed: 'Enter a Dutch phone number.',
    },
    rateLimited: (s) => `Too many responses were sent just now. ${waitEn(s)} What you entered stays here.`,
    rejected:
      'The municipality did not accept your response. What you entered stays here. Check that everything is filled in correctly.',
    unavailable: 'The form is not working at the moment. Please try again later.',
    network:
      'Your response was not sent because there is no internet connection right now. What you entered stays here. Please try again when you are back online.',
    serverDown:
      "Your response was not sent because the municipality's server is not responding right now. What you entered stays here. Please try again later.",
    badResponse:
      "Your response may not have been sent. We do not understand the answer from the municipality's server. What you entered stays here.",
    waitingForConnection:
      'There is no internet connection right now. What you entered stays here. We will send your response as soon as you are back online. Please keep this page open until then.',
    callUs: (phone, hours) => `You can also call us on ${phone}.${hours ? ` ${hours}.` : ''}`,
    notConfigured: 'You cannot respond here at the moment.',
    thanksHeading: 'Thank you for your response',
    sent: 'Your response has been sent.',
    queued: {
      network:
        'There is no internet connection right now. Your response is saved on this device. We will send it as soon as you are back online.',
      server:
        "The municipality's server is not responding right now. Your response is saved on this device. We will try again shortly.",
      timeout:
        "The municipality's server is not responding right now. Your response is saved on this device. We will try again shortly.",
      bad_response:
        "The municipality's server gave an answer we do not understand. Your response is saved on this device. We will try again shortly.",
    },
    queuedNowSent: 'You are back online. Your response has now been sent.',
    queuedNowSentLater: 'Your response has now been sent after all.',
    queuedFailed:
      'The municipality did not accept your response. We will not try again. What you entered is still here.',
    queuedGaveUp:
      "We tried to send your response several times. But the municipality's server is not responding. We will not try again. What you entered is still here.",
    alreadyAnswered: 'You have already responded here.',
    alreadyScored: 'You have already given this contact a score. You can only give one score. Thank you!',
    badSurveyLink: 'This link is not valid. Please use the link from your e-mail, or call us.',
    offerText: 'Would you like to ask a staff member your question?',
    offerCallback: 'Call me back',
    offerChat: 'Chat with us',
    summaryNotUseful: 'The information on this page was not useful.',
    summaryReasons: (items) => `What could be better: ${items}.`,
    summaryComment: (text) => `Explanation: ${text}`,
  },
};
