import type { Locale } from '@dichtbij/sdk/schemas/common';

/** Strings of one element: Dutch (B1) is the source, other locales must have every key. */
export type StringTable<T> = { nl: T } & Record<Exclude<Locale, 'nl'>, T>;

export const LOCALES: readonly Locale[] = ['nl', 'en'];

/**
 * The `lang` of the nearest ancestor that declares one (the element itself included), crossing
 * shadow roots to their hosts, as the browser decides the language of content. '' when none does.
 */
export function nearestLang(from: Element): string {
  for (let node: Element | undefined = from; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
    const declared = node.closest('[lang]');
    if (declared) return declared.getAttribute('lang') ?? '';
  }
  return '';
}

/**
 * The locale to use: the element's own `locale`, else its config's, else the language of the
 * content around it (the nearest `lang`, see nearestLang()), else Dutch. A value that is not a
 * supported locale is skipped.
 */
export function resolveLocale(
  own: string | null | undefined,
  fromConfig: string | null | undefined,
  context: Element,
): Locale {
  for (const candidate of [own, fromConfig, nearestLang(context)]) {
    const short = candidate?.toLowerCase().split('-')[0];
    if (short && (LOCALES as string[]).includes(short)) return short as Locale;
  }
  return 'nl';
}

/** Intl locale tag for dates and numbers. */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'nl-NL';
}

/** Writing direction of a locale (every supported locale is left to right today). */
export function localeDir(locale: Locale): 'ltr' | 'rtl' {
  return (['ar', 'he', 'fa', 'ur'] as string[]).includes(locale) ? 'rtl' : 'ltr';
}

/**
 * The `dir` an element's content in `locale` takes (see applyLang()): the host's own `dir` when it
 * is `ltr` or `rtl`, else the locale's direction when the content around declares another
 * language, else null (the page's direction goes on).
 */
export function langDir(host: Element, locale: Locale): 'ltr' | 'rtl' | null {
  const around = nearestLang(host).toLowerCase().split('-')[0];
  const own = host.getAttribute('dir');
  return own === 'ltr' || own === 'rtl' ? own : !around || around === locale ? null : localeDir(locale);
}

/**
 * Sets `lang` (and `dir`) on every top-level element a shadow root renders (a shadow root itself
 * has no attributes), so screen readers and hyphenation use the element's language, not the
 * page's. `dir` is the locale's direction when the content around declares another language; in
 * its own language (or none declared) the element keeps the page's direction (a right-to-left
 * page mirrors it).
 */
export function applyLang(root: ShadowRoot, locale: Locale, host: Element): void {
  const dir = langDir(host, locale);
  for (const child of root.children) {
    if (child instanceof HTMLStyleElement || child.localName === 'link') continue;
    if (child.getAttribute('lang') !== locale) child.setAttribute('lang', locale);
    if (dir === null) child.removeAttribute('dir');
    else if (child.getAttribute('dir') !== dir) child.setAttribute('dir', dir);
  }
}
