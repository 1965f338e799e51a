// Usage: node build.mjs [--check] [--out dir] [theme.tokens.json …]
//   no files: every tokens/*.tokens.json; --check: contrast/validity check only, writes nothing.
import { parseArgs } from 'node:util';
import { buildThemes, defaults } from './src/build.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { check: { type: 'boolean', default: false }, out: { type: 'string', default: defaults.outDir } },
});

const started = performance.now();
try {
  const built = await buildThemes({
    files: positionals.length ? positionals : undefined,
    outDir: values.out,
    write: !values.check,
  });
  const pairs = built.reduce((n, t) => n + t.contrast.length, 0);
  const ms = Math.round(performance.now() - started);
  console.log(
    `@dichtbij/themes: ${built.length} theme(s) (${built.map((t) => t.name).join(', ')}), ` +
      `${pairs} contrast pairs pass, ${values.check ? 'checked only' : `written to ${values.out}`} in ${ms} ms`,
  );
} catch (e) {
  console.error(`@dichtbij/themes build failed\n${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
