// The chat launcher's stylesheets are plain CSS strings (dist/chat-launcher/chat-launcher.styles.js
// for the first state, settled.styles.js for the idle work; no Lit): minified here in the published file, so a page bundling the npm entry loads it as small
// as the CDN file does. Run after build-ts (`pnpm build`); cdn.mjs uses minifyCss() too.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * Minified CSS. Also without the space esbuild keeps after the comma of a var() fallback and
 * after the colon of a custom property (white space around a fallback or a custom property's
 * value is not part of it, CSS Variables §2 and §3).
 */
export async function minifyCss(text) {
  const { code } = await esbuild.transform(text, { loader: 'css', minify: true });
  return code
    .trim()
    .replace(/(var\(--[\w-]+), /g, '$1,')
    .replace(/([{;]--[\w-]+): /g, '$1:');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, exported] of [
    ['chat-launcher.styles', 'launcherCss'],
    ['settled.styles', 'settledCss'],
  ]) {
    const file = fileURLToPath(new URL(`../dist/chat-launcher/${name}.js`, import.meta.url));
    const css = (await import(pathToFileURL(file).href))[exported];
    if (typeof css !== 'string' || !css.includes(':host')) throw new Error(`${file}: no ${exported}`);
    const source = readFileSync(file, 'utf8');
    const map = source.match(/\n\/\/# sourceMappingURL=\S+\s*$/)?.[0] ?? '';
    writeFileSync(
      file,
      `/** Styles of the chat launcher (minified from src/chat-launcher/${name}.ts). */\n` +
        `export const ${exported} = ${JSON.stringify(await minifyCss(css))};${map}`,
    );
  }
}
