import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandFor, EDIT_COMMANDS, nextNode } from '../src/keyboard.js';

const key = (k, modifiers = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });

// A stand-in for an X6 node: only getBBox is read.
const node = (id, x, y) => ({ id, getBBox: () => ({ x, y, width: 100, height: 40 }) });

test('commandFor maps Ctrl shortcuts', () => {
  assert.equal(commandFor(key('c', { ctrlKey: true })), 'Copy');
  assert.equal(commandFor(key('X', { ctrlKey: true })), 'Cut');
  assert.equal(commandFor(key('v', { metaKey: true })), 'Paste');
  assert.equal(commandFor(key('z', { ctrlKey: true })), 'Undo');
  assert.equal(commandFor(key('z', { ctrlKey: true, shiftKey: true })), 'Redo');
  assert.equal(commandFor(key('y', { ctrlKey: true })), 'Redo');
  assert.equal(commandFor(key('a', { ctrlKey: true })), 'SelectAll');
  assert.equal(commandFor(key('s', { ctrlKey: true })), 'Save');
});

test('commandFor maps Delete and Backspace', () => {
  assert.equal(commandFor(key('Delete')), 'Delete');
  assert.equal(commandFor(key('Backspace')), 'Delete');
});

test('commandFor ignores plain letters', () => {
  assert.equal(commandFor(key('c')), null);
  assert.equal(commandFor(key('q', { ctrlKey: true })), null);
});

test('edit commands exclude copy and select all', () => {
  assert.ok(!EDIT_COMMANDS.has('Copy'));
  assert.ok(!EDIT_COMMANDS.has('SelectAll'));
  assert.ok(EDIT_COMMANDS.has('Delete'));
});

test('nextNode without current picks top-left', () => {
  const nodes = [node('b', 300, 0), node('a', 0, 0), node('c', 0, 200)];
  assert.equal(nextNode(nodes, null, 'ArrowRight').id, 'a');
});

test('nextNode follows the arrow direction', () => {
  const a = node('a', 0, 0);
  const right = node('right', 250, 10);
  const far = node('far', 500, 0);
  const below = node('below', 0, 150);
  const nodes = [a, right, far, below];
  assert.equal(nextNode(nodes, a, 'ArrowRight').id, 'right');
  assert.equal(nextNode(nodes, a, 'ArrowDown').id, 'below');
  assert.equal(nextNode(nodes, a, 'ArrowLeft'), null);
  assert.equal(nextNode(nodes, right, 'ArrowLeft').id, 'a');
});

test('nextNode prefers nodes in line', () => {
  const a = node('a', 0, 0);
  const diagonal = node('diagonal', 200, 180);
  const inLine = node('inLine', 320, 0);
  assert.equal(nextNode([a, diagonal, inLine], a, 'ArrowRight').id, 'inLine');
});
