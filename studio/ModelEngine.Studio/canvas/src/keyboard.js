// Keyboard handling for the canvas container: shortcuts become CanvasCommand names, arrows move the selection.

// Ctrl (or Cmd) + key, to the CanvasCommand member name the .NET side parses.
const SHORTCUTS = {
  c: 'Copy',
  x: 'Cut',
  v: 'Paste',
  z: 'Undo',
  y: 'Redo',
  a: 'SelectAll',
  s: 'Save',
};

// Commands that change the graph, ignored in read-only mode.
export const EDIT_COMMANDS = new Set(['Cut', 'Paste', 'Delete', 'Undo', 'Redo', 'Save']);

/** Returns the command for a key event, or null. Ctrl+Shift+Z is Redo, as in most editors. */
export function commandFor(event) {
  if (event.ctrlKey || event.metaKey) {
    const key = event.key.toLowerCase();
    if (key === 'z' && event.shiftKey) {
      return 'Redo';
    }

    return SHORTCUTS[key] ?? null;
  }

  if (event.key === 'Delete' || event.key === 'Backspace') {
    return 'Delete';
  }

  return null;
}

const DIRECTIONS = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowDown: { x: 0, y: 1 },
  ArrowUp: { x: 0, y: -1 },
};

export function isArrow(key) {
  return key in DIRECTIONS;
}

/**
 * Picks the node to select next when an arrow key is pressed: the nearest node whose centre lies in that direction,
 * preferring nodes in line with the current one. Without a current node, the top-left node.
 */
export function nextNode(nodes, current, key) {
  if (nodes.length === 0) {
    return null;
  }

  const centre = (node) => {
    const box = node.getBBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };

  if (!current) {
    return nodes.reduce((best, node) => {
      const a = centre(node);
      const b = centre(best);
      return a.x + a.y < b.x + b.y ? node : best;
    });
  }

  const direction = DIRECTIONS[key];
  const from = centre(current);
  let best = null;
  let bestScore = Infinity;
  for (const node of nodes) {
    if (node === current) {
      continue;
    }

    const to = centre(node);
    const along = (to.x - from.x) * direction.x + (to.y - from.y) * direction.y;
    if (along <= 0) {
      continue;
    }

    const across = Math.abs((to.x - from.x) * direction.y) + Math.abs((to.y - from.y) * direction.x);
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = node;
    }
  }

  return best;
}
