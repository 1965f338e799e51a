import type { StringTable } from '../shared/i18n.ts';

// Copy of <dichtbij-status-tracker>. B1 Dutch ("u") is the source; English is complete.
// Sentences about a case itself (dates, delayed, suspended, extended, "U krijgt uiterlijk op …
// ons besluit", step states, the change announcement) come from the SDK's case-view module, so
// every front end says the same thing about a case. Before a case is known it is "uw zaak"; once
// it is, the case's kind decides the word ("uw aanvraag", "uw melding"; `your` below).

export interface StatusTrackerStrings {
  heading: string;
  mineHeading: string;
  intro: string;
  referenceLabel: string;
  referenceHint: string;
  checkLabel: string;
  checkHint: string;
  lookup: string;
  referenceMissing: string;
  referenceInvalid: string;
  checkMissing: string;
  checkInvalid: string;
  referenceLine: (reference: string) => string;
  steps: string;
  loading: string;
  refresh: string;
  refreshing: string;
  refreshFailed: string;
  unchanged: string;
  /** `your`: "uw aanvraag", "uw melding" (the case's word, from the SDK's caseWord). */
  questions: (your: string) => string;
  questionsButton: string;
  callUs: (phone: string) => string;
  reason: string;
  showSteps: string;
  noCases: string;
  notFound: string;
  notFoundHint: string;
  unauthorized: string;
  loginAgain: string;
  unavailable: (phone: string | undefined) => string;
  rateLimited: (seconds: number | undefined) => string;
  notConfigured: string;
  /** Hidden text after a repeated button or summary in a list: " over Kapvergunning". */
  about: (title: string) => string;
}

const minutesNl = (s: number) => {
  const m = Math.max(1, Math.ceil(s / 60));
  return m === 1 ? '1 minuut' : `${m} minuten`;
};
const minutesEn = (s: number) => {
  const m = Math.max(1, Math.ceil(s / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
};

export const strings: StringTable<StatusTrackerStrings> = {
  nl: {
    heading: 'Status van uw zaak',
    mineHeading: 'Mijn zaken',
    intro: 'Vul het zaaknummer en uw postcode in. U vindt het zaaknummer in de brief of e-mail die u van ons kreeg.',
    referenceLabel: 'Zaaknummer',
    referenceHint: 'Bijvoorbeeld: Z-2026-0142',
    checkLabel: 'Postcode',
    checkHint: 'De postcode van het adres waar de brief naartoe ging. Bijvoorbeeld: 4191 AB',
    lookup: 'Bekijk de status',
    referenceMissing: 'Vul het zaaknummer in.',
    referenceInvalid: 'Vul het zaaknummer in zoals het in de brief staat, bijvoorbeeld Z-2026-0142.',
    checkMissing: 'Vul uw postcode in.',
    checkInvalid: 'Vul een postcode in met 4 cijfers en 2 letters, bijvoorbeeld 4191 AB.',
    referenceLine: (reference) => `Zaaknummer: ${reference}`,
    steps: 'Stappen',
    loading: 'Bezig met ophalen van de status…',
    refresh: 'Vernieuw de status',
    refreshing: 'Bezig met vernieuwen…',
    refreshFailed: 'Vernieuwen lukte niet. U ziet de laatst bekende status.',
    unchanged: 'De status is bijgewerkt. Er is niets veranderd.',
    questions: (your) => `Heeft u vragen over ${your}?`,
    questionsButton: 'Bel mij terug',
    callUs: (phone) => `U kunt ons ook bellen op ${phone}.`,
    reason: 'Reden:',
    showSteps: 'Bekijk alle stappen',
    noCases: 'U heeft op dit moment geen zaken bij ons.',
    notFound: 'We kunnen geen zaak vinden met dit zaaknummer en deze postcode.',
    notFoundHint: 'Kijk of u ze goed heeft overgenomen uit de brief.',
    unauthorized: 'U bent niet meer ingelogd. Log opnieuw in om uw zaken te zien.',
    loginAgain: 'Log opnieuw in',
    unavailable: (phone) =>
      phone
        ? `We kunnen de status nu niet tonen. Bel ons op ${phone}.`
        : 'We kunnen de status nu niet tonen. Probeer het later nog eens, of bel uw gemeente.',
    rateLimited: (s) =>
      s
        ? `U heeft te vaak gezocht. Probeer het over ${minutesNl(s)} opnieuw.`
        : 'U heeft te vaak gezocht. Probeer het over een paar minuten opnieuw.',
    notConfigured: 'We kunnen de status van uw zaak hier nu niet tonen.',
    about: (title) => ` over ${title}`,
  },
  en: {
    heading: 'Status of your case',
    mineHeading: 'My cases',
    intro:
      'Enter the case number and your postcode. You will find the case number in the letter or e-mail we sent you.',
    referenceLabel: 'Case number',
    referenceHint: 'For example: Z-2026-0142',
    checkLabel: 'Postcode',
    checkHint: 'The postcode of the address the letter was sent to. For example: 4191 AB',
    lookup: 'Show the status',
    referenceMissing: 'Enter the case number.',
    referenceInvalid: 'Enter the case number as it is in the letter, for example Z-2026-0142.',
    checkMissing: 'Enter your postcode.',
    checkInvalid: 'Enter a postcode with 4 digits and 2 letters, for example 4191 AB.',
    referenceLine: (reference) => `Case number: ${reference}`,
    steps: 'Steps',
    loading: 'Getting the status…',
    refresh: 'Refresh the status',
    refreshing: 'Refreshing…',
    refreshFailed: 'Refreshing did not work. You are seeing the last known status.',
    unchanged: 'The status is up to date. Nothing has changed.',
    questions: (your) => `Do you have questions about ${your}?`,
    questionsButton: 'Call me back',
    callUs: (phone) => `You can also call us on ${phone}.`,
    reason: 'Reason:',
    showSteps: 'Show all steps',
    noCases: 'You have no cases with us at the moment.',
    notFound: 'We cannot find a case with this case number and postcode.',
    notFoundHint: 'Check that you copied them correctly from the letter.',
    unauthorized: 'You are no longer logged in. Log in again to see your cases.',
    loginAgain: 'Log in again',
    unavailable: (phone) =>
      phone
        ? `We cannot show the status right now. Call us on ${phone}.`
        : 'We cannot show the status right now. Please try again later, or call your municipality.',
    rateLimited: (s) =>
      s
        ? `You have searched too often. Please try again in ${minutesEn(s)}.`
        : 'You have searched too often. Please try again in a few minutes.',
    notConfigured: 'We cannot show the status of your case here right now.',
    about: (title) => ` about ${title}`,
  },
};
