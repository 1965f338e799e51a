// The one bench configuration. Add an entry here; other suites (gateway load, Lighthouse, render timing)
// live in bench/suites/*.mjs and may keep their own settings in this file as extra exports.

/** 1 kB = 1000 bytes, as in shared/DESIGN.md and the issues. */
export const kB = 1000;

/**
 * Public entry points, bundled with esbuild as a page that loads only that entry would load it
 * (minified ESM for browsers, every dependency bundled). `specifier` is resolved through the package's
 * `exports`. `measure`: 'initial' (default) = the entry file plus the chunks it imports statically;
 * 'lazy' = only what it loads later with import() (the chat panel behind the launcher facade).
 * `budget` is in gzip bytes; null = no budget yet.
 *
 * @type {{ name: string, specifier: string, measure?: 'initial' | 'lazy', budget: number | null }[]}
 */
export const sizeEntries = [
  { name: 'feedback', specifier: '@dichtbij/components/feedback', budget: 12 * kB },
  { name: 'bel-me', specifier: '@dichtbij/components/bel-me', budget: 14 * kB },
  { name: 'status-tracker', specifier: '@dichtbij/components/status-tracker', budget: 12 * kB },
  { name: 'chat-launcher (facade)', specifier: '@dichtbij/components/chat-launcher', budget: 3 * kB },
  {
    name: 'chat panel (lazy chunk)',
    specifier: '@dichtbij/components/chat-launcher',
    measure: 'lazy',
    budget: 25 * kB,
  },
  { name: 'config', specifier: '@dichtbij/components/config', budget: null },
  { name: 'sdk', specifier: '@dichtbij/sdk', budget: null },
  { name: 'dichtbij.js (all-in-one)', specifier: '@dichtbij/components/dichtbij.js', budget: null },
];
