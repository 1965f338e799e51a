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
  unread(count: number): string;
  loadError: string;
}

export const strings: StringTable<LauncherStrings> = {
  nl: {
    label: 'Chat',
    name: ' met de gemeente',
    unread: (n) => (n === 1 ? '1 nieuw bericht' : `${n} nieuwe berichten`),
    loadError: 'De chat laadt nu niet. Probeer het later opnieuw.',
  },
  en: {
    label: 'Chat',
    name: ' with the municipality',
    unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
    loadError: 'The chat does not load right now. Please try again later.',
  },
};
