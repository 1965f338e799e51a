import type { Locale } from '@dichtbij/sdk/schemas/common';

/** Strings of one element: Dutch (B1) is the source, other locales must have every key. */
export type StringTable<T> = { nl: T } & Record<Exclude<Locale, 'nl'>, T>;

export const LOCALES: readonly Locale[] = ['nl', 'en'];

/** The locale to use: the element's own, else its config's, else the page's `lang`, else Dutch. */
export function resolveLocale(own?: string | null, fromConfig?: string | null, doc: Document = document): Locale {
  for (const candidate of [own, fromConfig, doc.documentElement.lang]) {
    const short = candidate?.toLowerCase().split('-')[0];
    if (short && (LOCALES as string[]).includes(short)) return short as Locale;
  }
  return 'nl';
}

/** Intl locale tag for dates and numbers. */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'nl-NL';
}
