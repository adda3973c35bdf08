import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIT_MARGIN, PORT_OVERHANG, fitPadding, fitTransform, fitsAsIs, initialTransform, withPorts } from '../src/fit.js';

const minimap = { width: 180, height: 120 };

test('without a minimap the margin is the same on every side', () => {
  assert.deepEqual(fitPadding({ width: 800, height: 600 }, { width: 2000, height: 300 }, null),
    { left: FIT_MARGIN, top: FIT_MARGIN, right: FIT_MARGIN, bottom: FIT_MARGIN });
});

test('a wide graph leaves the minimap room below it', () => {
  const padding = fitPadding({ width: 800, height: 600 }, { width: 2000, height: 300 }, minimap);

  assert.equal(padding.bottom, 122 + 8 + FIT_MARGIN);
  assert.equal(padding.right, FIT_MARGIN);
});

test('a tall graph leaves the minimap room beside it', () => {
  const padding = fitPadding({ width: 800, height: 600 }, { width: 300, height: 2000 }, minimap);

  assert.equal(padding.right, 182 + 8 + FIT_MARGIN);
  assert.equal(padding.bottom, FIT_MARGIN);
});

test('a graph under the minimap does not fit as is', () => {
  const view = { width: 800, height: 600 };
  const padding = fitPadding(view, { width: 700, height: 500 }, minimap);

  assert.equal(fitsAsIs(view, { x: 40, y: 40, width: 700, height: 500 }, padding), false);
  assert.equal(fitsAsIs(view, { x: 40, y: 40, width: 300, height: 200 }, padding), true);
});

// The minimap's box in view pixels, border included, as styles.js places it: 8 px from the right and bottom edges.
function minimapBox(view) {
  return { x: view.width - 8 - 182, y: view.height - 8 - 122, width: 182, height: 122 };
}

function onScreen(box, { scale, tx, ty }) {
  return { x: box.x * scale + tx, y: box.y * scale + ty, width: box.width * scale, height: box.height * scale };
}

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// A made-up row of nodes 184 px wide and 56 to 82 px tall, as shapes.js sizes them, whose last node is at the
// bottom right, where the minimap is.
const wideFlow = [
  { x: 0, y: 120, width: 184, height: 62 },
  { x: 264, y: 100, width: 184, height: 82 },
  { x: 528, y: 0, width: 184, height: 62 },
  { x: 792, y: 0, width: 184, height: 56 },
  { x: 1056, y: 240, width: 184, height: 62 },
  { x: 1320, y: 240, width: 184, height: 56 },
];

function boundsOf(boxes) {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

test('ports widen the content area on both sides', () => {
  assert.deepEqual(withPorts({ x: 10, y: 20, width: 100, height: 50 }),
    { x: 10 - PORT_OVERHANG, y: 20, width: 100 + 2 * PORT_OVERHANG, height: 50 });
});

// Checks that every node, ports included, is drawn inside the view and clear of the minimap.
function assertClear(nodes, view, transform) {
  for (const node of nodes) {
    const box = onScreen(withPorts(node), transform);
    const where = `node at ${node.x},${node.y} is drawn at ${JSON.stringify(box)}`;
    assert.equal(intersects(box, minimapBox(view)), false, where);
    assert.ok(box.x >= 0, where);
    assert.ok(box.y >= 0, where);
    assert.ok(box.x + box.width <= view.width, where);
    assert.ok(box.y + box.height <= view.height, where);
  }
}

for (const view of [{ width: 1352, height: 480 }, { width: 900, height: 480 }, { width: 1352, height: 320 }, { width: 700, height: 900 }]) {
  test(`fit in ${view.width}x${view.height} clears the minimap`, () => {
    const area = withPorts(boundsOf(wideFlow));
    assertClear(wideFlow, view, fitTransform(view, area, minimap, 1.5));
    assertClear(wideFlow, view, initialTransform(view, area, minimap));
  });
}

test('fit centres in the free space', () => {
  const view = { width: 1352, height: 480 };
  const area = { x: 0, y: 0, width: 1600, height: 300 };
  const { scale, tx, ty } = fitTransform(view, area, minimap, 1.5);
  const bottomPadding = 122 + 8 + FIT_MARGIN;

  assert.equal(scale, (view.width - 2 * FIT_MARGIN) / area.width);
  assert.equal(tx, FIT_MARGIN);
  // Centred between the top margin and the minimap's room, so the gaps above and below the graph are equal.
  const above = ty - FIT_MARGIN;
  const below = view.height - bottomPadding - (ty + area.height * scale);
  assert.ok(above > 1, `${above} px above the graph`);
  assert.ok(Math.abs(above - below) < 1e-9, `${above} px above the graph, ${below} px below`);
});

test('a graph that fits at full size keeps its own coordinates', () => {
  assert.deepEqual(initialTransform({ width: 1352, height: 480 }, { x: 40, y: 40, width: 600, height: 200 }, minimap),
    { scale: 1, tx: 0, ty: 0 });
});

test('a fit never scales past the largest scale given', () => {
  assert.equal(fitTransform({ width: 1352, height: 480 }, { x: 0, y: 0, width: 100, height: 50 }, minimap, 1.5).scale, 1.5);
  assert.equal(initialTransform({ width: 300, height: 200 }, { x: 0, y: 0, width: 1000, height: 50 }, null).scale < 1, true);
});

// The purchase approval sample (samples/purchase-approval.json) as the viewer draws it: node positions from the
// sample, heights from shapes.js (two outcomes make 82 px, one makes 62 px). The last Set Output on the Reject path
// is at the bottom right.
const purchaseApproval = [
  { x: 0, y: 200, width: 184, height: 62 },
  { x: 220, y: 200, width: 184, height: 82 },
  { x: 460, y: 80, width: 184, height: 62 },
  { x: 700, y: 80, width: 184, height: 62 },
  { x: 460, y: 320, width: 184, height: 82 },
  { x: 700, y: 240, width: 184, height: 62 },
  { x: 940, y: 240, width: 184, height: 62 },
  { x: 700, y: 400, width: 184, height: 62 },
  { x: 940, y: 400, width: 184, height: 62 },
];

for (const width of [1000, 1064, 1100, 1160]) {
  test(`sample fit in ${width}x480 clears the minimap`, () => {
    const view = { width, height: 480 };
    assertClear(purchaseApproval, view, initialTransform(view, withPorts(boundsOf(purchaseApproval)), minimap));
  });
}
