import type { LitElement } from 'lit';
import { pageWearsTheme } from './page-theme.ts';

const sheets = new Map<string, Promise<CSSStyleSheet | undefined>>();
const applied = new WeakMap<ShadowRoot, CSSStyleSheet>();
/** The theme last asked for per root, so a slow load cannot undo a later change. */
const wanted = new WeakMap<ShadowRoot, string | undefined>();

/** Where theme token modules come from; tests and bundles may replace it. */
export let loadThemeTokens = async (name: string): Promise<Record<string, string>> => {
  const { themeTokens } = await import('@dichtbij/themes');
  return themeTokens(name);
};
export function setThemeLoader(loader: typeof loadThemeTokens): void {
  loadThemeTokens = loader;
  sheets.clear();
}

function sheetFor(name: string): Promise<CSSStyleSheet | undefined> {
  let sheet = sheets.get(name);
  if (!sheet) {
    sheet = loadThemeTokens(name).then(
      (tokens) => {
        const css = new CSSStyleSheet();
        // Values come from our own token files, not from page data; still, only custom
        // properties with safe values are written.
        const body = Object.entries(tokens)
          .filter(([k, v]) => /^--dichtbij-[a-z0-9-]+$/.test(k) && !/[;{}<>]/.test(v))
          .map(([k, v]) => `${k}: ${v};`)
          .join('');
        css.replaceSync(`:host { ${body} }`);
        return css;
      },
      (error: unknown) => {
        console.warn(`[dichtbij] ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
    sheets.set(name, sheet);
  }
  return sheet;
}

/**
 * Applies a Dichtbij theme to one shadow root by adopting a constructable stylesheet with its
 * tokens on `:host` (allowed under a strict CSP, unlike inline styles). No name, or the theme
 * the page already wears around the element (its CSS from @dichtbij/themes): the page's own.
 * When calls overlap (the theme changed while one was loading), the last one wins.
 */
export async function applyThemeToRoot(root: ShadowRoot, name: string | undefined): Promise<void> {
  wanted.set(root, name);
  // A page that already wears this theme around the element gives it the tokens: none of its own.
  const sheet = name && !pageWearsTheme(root.host, name) ? await sheetFor(name) : undefined;
  if (wanted.get(root) !== name) return;
  const previous = applied.get(root);
  const rest = root.adoptedStyleSheets.filter((s) => s !== previous);
  root.adoptedStyleSheets = sheet ? [...rest, sheet] : rest;
  if (sheet) applied.set(root, sheet);
  else applied.delete(root);
}

/** applyThemeToRoot() for a Lit element's render root (nothing before it has one). */
export async function applyTheme(element: LitElement, name: string | undefined): Promise<void> {
  const root = element.renderRoot as ShadowRoot | undefined;
  if (!root || !('adoptedStyleSheets' in root)) return;
  await applyThemeToRoot(root, name);
}
