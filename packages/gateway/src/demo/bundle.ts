/**
 * `/dichtbij.js`: the all-in-one components bundle, built on the fly with esbuild from
 * packages/components/src/dichtbij.ts and cached until one of its source files changes.
 * For development and the demo; a production site serves the built file from its own CDN.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_ENTRY = fileURLToPath(new URL('../../../components/src/dichtbij.ts', import.meta.url));

interface Built {
  /** The entry (`dichtbij.js`) and its lazy chunks (`dichtbij-chunks/*.js`), by URL path. */
  files: Map<string, string>;
  inputs: Map<string, number>;
  checkedAt: number;
}

export interface BundleResult {
  status: number;
  code: string;
}

export function bundler(entry = DEFAULT_ENTRY) {
  let built: Promise<Built> | undefined;

  async function build(): Promise<Built> {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      // Code splitting: the page loads the elements; forms, panels, schemas and the HTTP client
      // load on first use from /dichtbij-chunks/.
      splitting: true,
      outdir: '/virtual',
      entryNames: 'dichtbij',
      chunkNames: 'dichtbij-chunks/[name]-[hash]',
      write: false,
      metafile: true,
      legalComments: 'none',
      conditions: ['browser', 'production'],
      logLevel: 'silent',
    });
    const inputs = new Map<string, number>();
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    for (const file of Object.keys(result.metafile.inputs)) {
      const path = file.startsWith('/') ? file : root + file;
      try {
        inputs.set(path, statSync(path).mtimeMs);
      } catch {
        // virtual module
      }
    }
    const files = new Map(result.outputFiles.map((f) => [f.path.replace('/virtual', ''), f.text]));
    return { files, inputs, checkedAt: Date.now() };
  }

  function stale(b: Built): boolean {
    if (Date.now() - b.checkedAt < 1000) return false;
    b.checkedAt = Date.now();
    for (const [path, mtime] of b.inputs) {
      try {
        if (statSync(path).mtimeMs !== mtime) return true;
      } catch {
        return true;
      }
    }
    return false;
  }

  return {
    /** A file of the build by URL path: '/dichtbij.js' or '/dichtbij-chunks/….js'. */
    async get(path = '/dichtbij.js'): Promise<BundleResult> {
      try {
        statSync(entry);
      } catch {
        return { status: 404, code: '/* dichtbij.js: packages/components/src/dichtbij.ts does not exist yet */\n' };
      }
      if (built) {
        const b = await built.catch(() => undefined);
        if (!b || stale(b)) built = undefined;
      }
      built ??= build();
      try {
        const code = (await built).files.get(path);
        return code === undefined ? { status: 404, code: '/* not found */\n' } : { status: 200, code };
      } catch (error) {
        built = undefined;
        const message = (error as { message?: string }).message ?? String(error);
        return { status: 500, code: `/* dichtbij.js: the build failed:\n${message.replaceAll('*/', '* /')}\n*/\n` };
      }
    },
  };
}
