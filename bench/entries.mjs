// The one bench configuration. Add an entry here; other suites (gateway load, Lighthouse, render timing)
// live in bench/suites/*.mjs and may keep their own settings in this file as extra exports.

/** 1 kB = 1000 bytes, as in the design notes (docs/) and the issues. */
export const kB = 1000;

/**
 * Public entry points, bundled with esbuild as a page that loads only that entry would load it
 * (minified ESM for browsers, every dependency bundled, code splitting). `specifier` is resolved
 * through the package's `exports`.
 *
 * - First load: the entry's own output file plus every chunk it imports statically (transitively).
 * - After interaction: the first load plus everything normal use loads later with import(), transitively,
 *   except chunks made only of modules in `rarelyLoaded` below.
 * - `lazyModule` (a path from the repo root, as esbuild names it): the row measures what the entry's
 *   import() of that module loads on the first interaction, minus what the entry's first load already
 *   loaded (the chat panel behind the launcher facade). Its "first load" is that on-click load.
 *
 * `budget` is in gzip bytes for the first load; null = no budget yet.
 *
 * @type {{ name: string, specifier: string, lazyModule?: string, budget: number | null }[]}
 */
export const sizeEntries = [
  { name: 'feedback', specifier: '@dichtbij/components/feedback', budget: 12 * kB },
  { name: 'bel-me', specifier: '@dichtbij/components/bel-me', budget: 14 * kB },
  { name: 'status-tracker', specifier: '@dichtbij/components/status-tracker', budget: 12 * kB },
  { name: 'chat-launcher (facade)', specifier: '@dichtbij/components/chat-launcher', budget: 3 * kB },
  {
    name: 'chat panel (on click)',
    specifier: '@dichtbij/components/chat-launcher',
    lazyModule: 'packages/components/dist/chat-launcher/controller.js',
    budget: 25 * kB,
  },
  { name: 'config', specifier: '@dichtbij/components/config', budget: null },
  { name: 'sdk', specifier: '@dichtbij/sdk', budget: null },
  { name: 'dichtbij.js (all-in-one)', specifier: '@dichtbij/components/dichtbij.js', budget: null },
];

/**
 * Modules that normal use does not load, so "after interaction" leaves out a chunk made only of these.
 * Either a package path (`name/subpath`, matched after the last node_modules/, with or without a .js
 * ending) or a path from the repo root. A chunk that mixes these with other modules still counts.
 *
 * @type {{ module: string, why: string }[]}
 */
export const rarelyLoaded = [
  {
    module: 'libphonenumber-js/min/metadata',
    why: 'all-country phone metadata, only when a gemeente accepts foreign numbers',
  },
  {
    module: 'packages/components/dist/chat-launcher/provider.js',
    why: "a third-party chat script's loader, only with the launcher's `provider` attribute (instead of the panel)",
  },
];
