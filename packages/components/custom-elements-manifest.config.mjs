// Custom Elements Manifest analyzer config: `pnpm --filter @dichtbij/components run analyze` writes,
// from the elements' JSDoc headers and Lit decorators, in one run:
//   custom-elements.json                  the manifest (public surface only; see scripts/manifest-plugins.mjs)
//   types/react.d.ts                      React 19 JSX IntrinsicElements (props and on<event> handlers)
//   types/vue.d.ts                        Vue 3 GlobalComponents
//   editors/vscode.html-custom-data.json  VS Code HTML custom data
//   editors/vscode.css-custom-data.json   VS Code CSS custom data (the custom properties and parts)
//   editors/web-types.json                JetBrains web-types
// DICHTBIJ_MANIFEST_OUT (an absolute directory) writes everything there instead (the tests use it).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { dedupeEditorCssPlugin, frameworkTypesPlugin, publicApiPlugin } from './scripts/manifest-plugins.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = process.env.DICHTBIJ_MANIFEST_OUT || here('.');
const editors = `${outdir}/editors`;

export default {
  // The public modules: the element classes, their definers and the entry points.
  globs: [
    'src/index.ts',
    'src/dichtbij.ts',
    'src/*/define.ts',
    'src/*/dichtbij-*.ts',
    'src/shared/dichtbij-element.ts',
  ],
  // The analyzer joins this to its working directory, this package's folder.
  outdir: relative(here('.'), outdir) || '.',
  litelement: true,
  packagejson: false,
  plugins: [
    publicApiPlugin(),
    frameworkTypesPlugin({ packageJson: here('package.json'), outdir }),
    customElementVsCodePlugin({
      outdir: editors,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      // The CSS custom properties are in the CSS data; in every element's hover they would be 60 lines.
      hideCssPropertiesDocs: true,
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir: editors,
      webTypesFileName: 'web-types.json',
      packageJson: false,
      hideCssPropertiesDocs: true,
      hideLogs: true,
    }),
    dedupeEditorCssPlugin({
      vscodeCss: `${editors}/vscode.css-custom-data.json`,
      webTypes: `${editors}/web-types.json`,
    }),
  ],
};
