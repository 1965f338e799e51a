// Bundles the demo site's theme studio (src/demo/studio/main.ts: the studio DOM, @dichtbij/themes/studio
// with culori, the SDK's in-memory backend) into dist/demo/assets/thema-studio.js, one module the page
// loads beside /dichtbij.js (which defines the elements). Run by the package build, after build-ts.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${pkgDir}dist/demo/assets`, { recursive: true });
await esbuild.build({
  absWorkingDir: pkgDir,
  entryPoints: ['src/demo/studio/main.ts'],
  outfile: 'dist/demo/assets/thema-studio.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // The published shape of the packages (dist/), never the repository's TypeScript source.
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  logLevel: 'warning',
});
