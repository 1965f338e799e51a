/**
 * The built CDN folder of @dichtbij/components (dist/cdn) served by the gateway in every mode,
 * so a gemeente's CMS page can load `<script type="module" src="https://<gateway>/dichtbij.js">`:
 * the entries (`/dichtbij.js`, `/feedback.js`, …), their hashed chunks (`/dichtbij-chunks/…`),
 * the theme CSS (`/themes/…`), source maps, `LICENSES.txt` and `sri.json`.
 *
 * - CORS `Access-Control-Allow-Origin: *`: module scripts are fetched in CORS mode, and these
 *   are the same public, credential-free files a public CDN serves to anyone; `*` keeps them
 *   cacheable by shared caches without `Vary: Origin`. The API (`/v1`) keeps its allowlist.
 * - `Cross-Origin-Resource-Policy: cross-origin` for pages with COEP.
 * - Hashed chunks: cached for a year, immutable. Entries and the rest: 5 minutes, then
 *   revalidated with an ETag, so a new release reaches pages quickly.
 * - Read once at start and answered from memory; each file is compressed (brotli, gzip) the first
 *   time a client asks for that encoding, then kept (shared by every gateway in the process, by
 *   content hash), so starting a gateway costs no compression time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300, must-revalidate';

interface StaticFile {
  type: string;
  body: Uint8Array;
  etag: string;
  cache: string;
}

/** Compressed bodies by ETag (a content hash) and encoding, made on first request. */
const compressed = new Map<string, Uint8Array>();

function encoded(file: StaticFile, encoding: 'br' | 'gzip'): Uint8Array {
  const key = `${encoding}:${file.etag}`;
  let body = compressed.get(key);
  if (!body) {
    body =
      encoding === 'br'
        ? brotliCompressSync(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(file.body, { level: 9 });
    compressed.set(key, body);
  }
  return body;
}

/** The dist/cdn folder of the installed @dichtbij/components, or undefined when it is not built. */
export function defaultCdnDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@dichtbij/components/package.json')), 'dist', 'cdn');
    return existsSync(join(dir, 'dichtbij.js')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function load(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const rel of readdirSync(dir, { recursive: true }).map(String)) {
    const path = join(dir, rel);
    if (!statSync(path).isFile()) continue;
    const ext = rel.split('.').pop() ?? '';
    const type = TYPES[ext];
    if (!type) continue;
    const body = readFileSync(path);
    const hashed = rel.startsWith('dichtbij-chunks/');
    const file: StaticFile = {
      type,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cache: hashed ? IMMUTABLE : SHORT,
    };
    files.set(`/${rel.split('\\').join('/')}`, file);
  }
  return files;
}

function respond(c: Context, file: StaticFile): Response {
  const headers = new Headers({
    'Content-Type': file.type,
    'Cache-Control': file.cache,
    ETag: file.etag,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    Vary: 'Accept-Encoding',
  });
  const match = c.req.header('If-None-Match');
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const accept = c.req.header('Accept-Encoding') ?? '';
  const encoding =
    file.body.length <= 512 ? undefined : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
  let body = file.body;
  if (encoding) {
    body = encoded(file, encoding);
    headers.set('Content-Encoding', encoding);
  }
  headers.set('Content-Length', String(body.length));
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

export interface CdnRoutes {
  middleware: MiddlewareHandler;
  /** Where the files come from, or undefined when the folder is not built. */
  dir: string | undefined;
  /** URL paths served. */
  paths: string[];
}

/**
 * Middleware answering GET/HEAD for the files of the CDN folder (and OPTIONS preflights for
 * them); every other request passes on. Without a built folder, `/dichtbij.js` answers 503
 * with a comment saying how to build it.
 */
export function cdnRoutes(dir: string | undefined = defaultCdnDir()): CdnRoutes {
  const files = dir && existsSync(dir) ? load(dir) : new Map<string, StaticFile>();
  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return next();
    const file = files.get(c.req.path);
    if (!file) {
      if (c.req.path === '/dichtbij.js' && files.size === 0) {
        return c.body('/* dichtbij.js is not built: run `pnpm -r build` (or npm start) */\n', 503, {
          'Content-Type': TYPES.js!,
          'Cache-Control': 'no-store',
          'Access-Control-Allow-Origin': '*',
        });
      }
      return next();
    }
    if (method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Max-Age': '86400',
      });
    }
    return respond(c, file);
  };
  return { middleware, dir: files.size ? dir : undefined, paths: [...files.keys()].sort() };
}
