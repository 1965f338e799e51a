// The screenshot comparison (tests/storybook/compare.mjs) with images made here: the same image passes, a few
// stray pixels pass, a one-pixel border or a changed size fails and yields a diff image. The visual step
// itself also proves it on a real screenshot (a 1px border injected in one theme must fail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { MAX_DIFF_PIXELS, comparePng } from '../../tests/storybook/compare.mjs';

function image(width: number, height: number, paint?: (x: number, y: number) => [number, number, number] | undefined) {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b] = paint?.(x, y) ?? [255, 255, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}
// A "button": a filled box at 20..80 × 20..50.
const button = (x: number, y: number): [number, number, number] | undefined =>
  x >= 20 && x < 80 && y >= 20 && y < 50 ? [0, 80, 160] : undefined;

test('the same screenshot is the same', () => {
  const a = image(100, 70, button);
  assert.deepEqual(comparePng(a, image(100, 70, button)).same, true);
});

test('a few stray pixels are within the tolerance', () => {
  const noisy = image(100, 70, (x, y) => (y === 5 && x < MAX_DIFF_PIXELS ? [0, 0, 0] : button(x, y)));
  const result = comparePng(image(100, 70, button), noisy);
  assert.equal(result.same, true);
  assert.ok(result.diffPixels <= MAX_DIFF_PIXELS);
});

test('a one-pixel border around the button fails, with a diff image', () => {
  const bordered = image(100, 70, (x, y) => {
    const edge = (x === 19 || x === 80) && y >= 19 && y <= 50;
    const top = (y === 19 || y === 50) && x >= 19 && x <= 80;
    return edge || top ? [0, 0, 0] : button(x, y);
  });
  const result = comparePng(image(100, 70, button), bordered);
  assert.equal(result.same, false);
  assert.ok(result.diffPixels > 100, `${result.diffPixels} pixels`);
  assert.ok(result.diff && PNG.sync.read(result.diff).width === 100);
});

test('a slightly changed colour of the whole button fails', () => {
  const lighter = image(100, 70, (x, y) => (button(x, y) ? [30, 110, 190] : undefined));
  assert.equal(comparePng(image(100, 70, button), lighter).same, false);
});

test('a different size fails', () => {
  assert.equal(comparePng(image(100, 70, button), image(100, 71, button)).same, false);
});
