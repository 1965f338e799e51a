// Copy of the <dichtbij-bel-me> button and dialog: what a page shows before the resident uses it.
// B1 Dutch ("u") is the source; English is complete. The form's copy is in ./form/strings.ts and
// loads with the form, so a page with only the button stays small.
import type { StringTable } from '../shared/i18n.ts';

export interface BelMeStrings {
  /** Default label of the button that opens the dialog. */
  button: string;
  /** Heading of the dialog or the inline panel. */
  title: string;
  close: string;
  /** While the form loads (after the first click). */
  loading: string;
  /** Shown instead of the button when the element has no backend. */
  notConfigured: string;
  /** The form or the gemeente's configuration could not be loaded, by cause. */
  loadFailed: string;
  loadOffline: string;
  loadServerDown: string;
  loadBadResponse: string;
  /** Before the phone link of the fallback (the `phone` attribute). */
  callInstead: string;
  /** No `phone` attribute either. */
  contactGemeente: string;
  tryAgain: string;
}

export const strings: StringTable<BelMeStrings> = {
  nl: {
    button: 'Bel mij terug',
    title: 'We bellen u terug',
    close: 'Sluiten',
    loading: 'Even geduld, het formulier wordt geladen.',
    notConfigured: 'Terugbellen kan hier nu niet. Neem contact op met de gemeente.',
    loadFailed: 'Het formulier kan nu niet worden geladen.',
    loadOffline:
      'Het formulier kan nu niet worden geladen, want er is geen internetverbinding. Het laadt vanzelf als u weer online bent.',
    loadServerDown: 'Het formulier kan nu niet worden geladen, want de server van de gemeente reageert niet.',
    loadBadResponse:
      'Het formulier kan nu niet worden geladen. We begrijpen het antwoord van de server van de gemeente niet.',
    callInstead: 'U kunt ons ook bellen:',
    contactGemeente: 'U kunt ook contact opnemen met de gemeente.',
    tryAgain: 'Probeer opnieuw',
  },
  en: {
    button: 'Call me back',
    title: 'We will call you back',
    close: 'Close',
    loading: 'Please wait, the form is loading.',
    notConfigured: 'Call-back requests are not possible here right now. Please contact the municipality.',
    loadFailed: 'The form cannot be loaded right now.',
    loadOffline:
      'The form cannot be loaded because there is no internet connection. It will load by itself when you are back online.',
    loadServerDown: "The form cannot be loaded because the municipality's server is not responding.",
    loadBadResponse: "The form cannot be loaded. We do not understand the answer from the municipality's server.",
    callInstead: 'You can also call us:',
    contactGemeente: 'You can also contact the municipality.',
    tryAgain: 'Try again',
  },
};
