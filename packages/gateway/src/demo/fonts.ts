/**
 * The fonts the demo themes name, self-hosted: the woff2 files of the @fontsource packages, served by the
 * gateway itself (no third-party request, `font-src 'self'`), preloaded by the page, with @font-face rules that
 * say `font-display: optional`: the font is used when it is there by the first render (it is, preloaded from the
 * same server) and never swapped in later, so the page does not shift (CLS 0). Latin subset; regular and bold of the text font, bold of a different heading font.
 * The packages are optional (peer) dependencies: without them a demo page uses the theme's fallback fonts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { themeTokens } from '@dichtbij/themes';

/** Font families the themes use -> their @fontsource package. Nothing else is served. */
const PACKAGES: Record<string, string> = {
  roboto: '@fontsource/roboto',
  'fira sans': '@fontsource/fira-sans',
  'open sans': '@fontsource/open-sans',
  'source sans 3': '@fontsource/source-sans-3',
  'noto sans': '@fontsource/noto-sans',
  'noto serif': '@fontsource/noto-serif',
};

const require = createRequire(import.meta.url);

/** The first family of a font-family list, lower case and unquoted: "'Fira Sans', sans-serif" -> "fira sans". */
export function firstFamily(list: string | undefined): string | undefined {
  const first = list
    ?.split(',')[0]
    ?.trim()
    .replace(/^['"]|['"]$/g, '');
  return first ? first.toLowerCase() : undefined;
}

function packageDir(pkg: string): string | undefined {
  try {
    return dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
}

export interface DemoFonts {
  /** The @font-face CSS for a theme ('' when its fonts are not installed). */
  css(theme: string): string;
  /** The woff2 files a theme's CSS uses (for `<link rel="preload">`). */
  preloads(theme: string): string[];
  /** A woff2 file by name, when it belongs to a served font. */
  file(name: string): Uint8Array | undefined;
}

export function demoFonts(): DemoFonts {
  const files = new Map<string, string>();
  const cssCache = new Map<string, string>();
  const bodies = new Map<string, Uint8Array>();
  const used = new Map<string, string[]>();

  /** One @fontsource CSS file (latin, a weight), its url()s pointing at the gateway, woff2 only. */
  function faces(family: string, weight: 400 | 700): string {
    const pkg = PACKAGES[family];
    const dir = pkg && packageDir(pkg);
    if (!dir) return '';
    let text: string;
    try {
      text = readFileSync(join(dir, `latin-${weight}.css`), 'utf8');
    } catch {
      return '';
    }
    return text
      .replace(/font-display:\s*swap/g, 'font-display: optional')
      .replace(/src:\s*([^;]+);/g, (_all, sources: string) => {
        const woff2 = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)/.exec(sources)?.[1];
        if (!woff2) return '';
        files.set(woff2, join(dir, 'files', woff2));
        return `src: url(/demo/fonts/files/${woff2}) format('woff2');`;
      });
  }

  return {
    css(theme) {
      let css = cssCache.get(theme);
      if (css === undefined) {
        let tokens: Record<string, string>;
        try {
          tokens = themeTokens(theme);
        } catch {
          tokens = {};
        }
        const text = firstFamily(tokens['--dichtbij-text-font-family']);
        const heading = firstFamily(tokens['--dichtbij-heading-font-family']);
        const parts: string[] = [];
        if (text) parts.push(faces(text, 400), faces(text, 700));
        if (heading && heading !== text) parts.push(faces(heading, 700));
        css = parts.filter(Boolean).join('\n');
        cssCache.set(theme, css);
        used.set(
          theme,
          [...css.matchAll(/\/demo\/fonts\/files\/([a-z0-9-]+\.woff2)/g)].map((m) => m[1]!),
        );
      }
      return css;
    },
    preloads(theme) {
      this.css(theme);
      return used.get(theme) ?? [];
    },
    file(name) {
      const path = files.get(name);
      if (!path) return undefined;
      let body = bodies.get(name);
      if (!body) {
        body = readFileSync(path);
        bodies.set(name, body);
      }
      return body;
    },
  };
}

/** Every family the shipped themes name (for the theme studio, where a gemeente tries them all). */
export const STUDIO_FONT_THEMES = ['west-betuwe', 'olst-wijhe', 'druten-wijchen', 'duiven-westervoort', 'voorbeeld'];
