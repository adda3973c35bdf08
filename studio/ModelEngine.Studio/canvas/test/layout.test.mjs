import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutLeftToRight } from '../src/layout.js';

const size = () => ({ width: 184, height: 56 });

test('layout ranks a chain left to right', () => {
  const nodes = ['a', 'b', 'c'].map((id) => ({ id }));
  const edges = [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', target: 'c' },
  ];

  const positions = layoutLeftToRight(nodes, edges, size);

  assert.deepEqual(positions.map((p) => p.id), ['a', 'b', 'c']);
  assert.ok(positions[0].x < positions[1].x);
  assert.ok(positions[1].x < positions[2].x);
  assert.equal(positions[0].y, positions[1].y);
});

test('layout places branches apart', () => {
  const nodes = ['a', 'yes', 'no'].map((id) => ({ id }));
  const edges = [
    { id: 'e1', source: 'a', target: 'yes' },
    { id: 'e2', source: 'a', target: 'no' },
  ];

  const [, yes, no] = layoutLeftToRight(nodes, edges, size);

  assert.equal(yes.x, no.x);
  assert.ok(Math.abs(yes.y - no.y) >= 56);
});

test('layout skips self loops and unknown ends', () => {
  const nodes = [{ id: 'a' }];
  const edges = [
    { id: 'loop', source: 'a', target: 'a' },
    { id: 'ghost', source: 'a', target: 'missing' },
  ];

  const positions = layoutLeftToRight(nodes, edges, size);

  assert.equal(positions.length, 1);
  assert.ok(Number.isFinite(positions[0].x));
});
