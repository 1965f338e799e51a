import type { StringTable } from '../shared/i18n.ts';

/**
 * Copy of the launcher button (the facade). Kept apart from the panel's strings
 * (./panel/strings.ts) so the facade stays tiny before the first interaction.
 */
export interface LauncherStrings {
  /** Visible label of the button. */
  label: string;
  /** Rest of the accessible name after the label: "Chat" + " met de gemeente". */
  name: string;
  loadError: string;
}

/** Copy the settled button adds (./idle.ts), after the first state. */
export interface SettledStrings {
  /** The unread count in the button's name: "Chat met de gemeente, 2 nieuwe berichten". */
  unread(count: number): string;
}

export const strings: StringTable<LauncherStrings> = {
  nl: {
    label: 'Chat',
    name: ' met de gemeente',
    loadError: 'De chat laadt nu niet. Probeer het later opnieuw.',
  },
  en: {
    label: 'Chat',
    name: ' with the municipality',
    loadError: 'The chat does not load right now. Please try again later.',
  },
};

export const settledStrings: StringTable<SettledStrings> = {
  nl: {
    unread: (n) => (n === 1 ? '1 nieuw bericht' : `${n} nieuwe berichten`),
  },
  en: {
    unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  },
};
