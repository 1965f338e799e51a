import { themeClass, themes } from '@dichtbij/themes';

/** Toolbar value for the NL Design System voorbeeld theme (class `voorbeeld-theme`, CSS from npm). */
export const NLDS_VOORBEELD = 'nlds-voorbeeld';

/** Every choice of the theme switcher, in toolbar order. */
export const storyThemes: readonly string[] = ['none', NLDS_VOORBEELD, ...themes];

/** The wrapper class for a theme switcher value: '' (none), 'voorbeeld-theme' or 'dichtbij-theme--{name}'. */
export function storyThemeClass(theme: unknown): string {
  if (theme === NLDS_VOORBEELD) return 'voorbeeld-theme';
  return typeof theme === 'string' && (themes as readonly string[]).includes(theme) ? themeClass(theme) : '';
}
