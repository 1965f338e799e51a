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
  loadFailed: string;
  tryAgain: string;
}

export const strings: StringTable<BelMeStrings> = {
  nl: {
    button: 'Bel mij terug',
    title: 'Wij bellen u terug',
    close: 'Sluiten',
    loading: 'Even geduld, het formulier wordt geladen.',
    notConfigured: 'Terugbellen kan hier nu niet. Neem contact op met de gemeente.',
    loadFailed: 'Het formulier kan nu niet worden geladen.',
    tryAgain: 'Probeer opnieuw',
  },
  en: {
    button: 'Call me back',
    title: 'We will call you back',
    close: 'Close',
    loading: 'Please wait, the form is loading.',
    notConfigured: 'Call-back requests are not possible here right now. Please contact the municipality.',
    loadFailed: 'The form cannot be loaded right now.',
    tryAgain: 'Try again',
  },
};
