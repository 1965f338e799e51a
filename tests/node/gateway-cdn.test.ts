// The CDN folder as the gateway serves it: headers a cross-origin page and a shared cache need,
// revalidation, and compressed bodies that decode to the file (made on first request).
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { closeSharedStore, testGateway, type TestGateway } from '../support/gateway-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'dichtbij-cdn-'));
// Large enough to be compressed (over 512 bytes), with content that differs per file.
const entry = `export const x = ${JSON.stringify('dichtbij '.repeat(200))};\n`;
const chunk = `export const y = ${JSON.stringify('chunk '.repeat(300))};\n`;
let t: TestGateway;

before(async () => {
  mkdirSync(join(dir, 'dichtbij-chunks'));
  mkdirSync(join(dir, 'themes'));
  writeFileSync(join(dir, 'dichtbij.js'), entry);
  writeFileSync(join(dir, 'dichtbij-chunks', 'lit-AbC123.js'), chunk);
  writeFileSync(join(dir, 'themes', 'druten.css'), ':root{--x:1}');
  writeFileSync(join(dir, 'notes.exe'), 'not served');
  t = await testGateway({ cdnDir: dir });
});
after(async () => {
  await t.close();
  await closeSharedStore();
  rmSync(dir, { recursive: true, force: true });
});

test('an entry: public, cross-origin, short cache with an ETag, 304 on revalidation', async () => {
  const res = await t.request('/dichtbij.js', { headers: { origin: 'https://www.druten.nl' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
  assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=300, must-revalidate');
  assert.equal(await res.text(), entry);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await t.request('/dichtbij.js', { headers: { 'if-none-match': `W/${etag}` } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
});

test('a hashed chunk is immutable for a year', async () => {
  const res = await t.request('/dichtbij-chunks/lit-AbC123.js');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

test('brotli and gzip bodies decode to the file; small files go uncompressed', async () => {
  for (let round = 0; round < 2; round++) {
    const br = await t.request('/dichtbij.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const brBody = Buffer.from(await br.arrayBuffer());
    assert.equal(Number(br.headers.get('content-length')), brBody.length);
    assert.ok(brBody.length < entry.length / 4);
    assert.equal(brotliDecompressSync(brBody).toString(), entry);
    const gz = await t.request('/dichtbij-chunks/lit-AbC123.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), chunk);
  }
  const css = await t.request('/themes/druten.css', { headers: { 'accept-encoding': 'br' } });
  assert.equal(css.headers.get('content-encoding'), null);
  assert.equal(await css.text(), ':root{--x:1}');
});

test('HEAD, preflight, unknown types and paths', async () => {
  const head = await t.request('/dichtbij.js', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(entry)));
  const pre = await t.request('/dichtbij.js', { method: 'OPTIONS' });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, HEAD');
  assert.equal((await t.request('/notes.exe')).status, 404);
  assert.equal((await t.request('/dichtbij-chunks/none.js')).status, 404);
});

test('without a built folder, /dichtbij.js says how to build it', async () => {
  const empty = await testGateway({ cdnDir: join(dir, 'missing') });
  try {
    const res = await empty.request('/dichtbij.js');
    assert.equal(res.status, 503);
    assert.match(await res.text(), /pnpm -r build/);
  } finally {
    await empty.close();
  }
});
