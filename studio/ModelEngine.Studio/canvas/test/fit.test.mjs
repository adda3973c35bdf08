import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIT_MARGIN, fitPadding, fitsAsIs } from '../src/fit.js';

const minimap = { width: 180, height: 120 };

test('without a minimap the margin is the same on every side', () => {
  assert.deepEqual(fitPadding({ width: 800, height: 600 }, { width: 2000, height: 300 }, null),
    { left: FIT_MARGIN, top: FIT_MARGIN, right: FIT_MARGIN, bottom: FIT_MARGIN });
});

test('a wide graph leaves the minimap room below it', () => {
  const padding = fitPadding({ width: 800, height: 600 }, { width: 2000, height: 300 }, minimap);

  assert.equal(padding.bottom, 120 + 8 + FIT_MARGIN);
  assert.equal(padding.right, FIT_MARGIN);
});

test('a tall graph leaves the minimap room beside it', () => {
  const padding = fitPadding({ width: 800, height: 600 }, { width: 300, height: 2000 }, minimap);

  assert.equal(padding.right, 180 + 8 + FIT_MARGIN);
  assert.equal(padding.bottom, FIT_MARGIN);
});

test('a graph under the minimap does not fit as is', () => {
  const view = { width: 800, height: 600 };
  const padding = fitPadding(view, { width: 700, height: 500 }, minimap);

  assert.equal(fitsAsIs(view, { x: 40, y: 40, width: 700, height: 500 }, padding), false);
  assert.equal(fitsAsIs(view, { x: 40, y: 40, width: 300, height: 200 }, padding), true);
});
