// Compares two PNG screenshots (pngjs + pixelmatch). The tolerance, explained:
// - threshold 0.1: pixelmatch's per-pixel colour distance (YIQ, 0–1) below which two pixels count as equal;
//   it absorbs invisible rounding of blended colours, not a changed colour (a token change is far above it).
// - anti-aliased pixels are not counted (pixelmatch's includeAA: false): the edge pixels of glyphs and curves
//   that a GPU-less Chromium can shade one step differently between runs.
// - at most MAX_DIFF_PIXELS (8) other pixels may differ: a one-pixel border around even a small control
//   changes hundreds of pixels, so it always fails, while a stray pixel or two does not.
// Screenshots of different sizes always differ.
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

export const THRESHOLD = 0.1;
export const MAX_DIFF_PIXELS = 8;

/**
 * @param {Buffer} expected PNG bytes (the baseline)
 * @param {Buffer} actual PNG bytes (this run)
 * @returns {{ same: boolean, diffPixels: number, reason?: string, diff?: Buffer }}
 */
export function comparePng(expected, actual) {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height)
    return {
      same: false,
      diffPixels: Math.max(a.width * a.height, b.width * b.height),
      reason: `size ${a.width}×${a.height} → ${b.width}×${b.height}`,
    };
  const diff = new PNG({ width: a.width, height: a.height });
  const diffPixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, {
    threshold: THRESHOLD,
    includeAA: false,
  });
  const same = diffPixels <= MAX_DIFF_PIXELS;
  return same
    ? { same, diffPixels }
    : { same, diffPixels, reason: `${diffPixels} pixels differ`, diff: PNG.sync.write(diff) };
}
