// Builds X6 node and edge metadata from the studio's CanvasNode and CanvasEdge records.
// Every DOM hook the end-to-end tests read (data-node-id, data-port, data-edge-id, ...) is set here as an attribute.

export const NODE_WIDTH = 184;
const HEADER_HEIGHT = 34;
const PORT_ROW_HEIGHT = 20;
const LABEL_MAX_CHARS = 22;

// Category stripe colours. Only decoration: the category is also in the node's aria-label.
const CATEGORY_COLOURS = {
  Flow: '#1565c0',
  Primitives: '#6a1b9a',
  Human: '#ef6c00',
  Http: '#00838f',
  Scripting: '#4e342e',
  Timers: '#ad1457',
  Composition: '#2e7d32',
};

// Status colours meet 4.5:1 against white, so the status text in that colour stays readable.
export const STATUS_COLOURS = {
  Completed: '#2e7d32',
  Running: '#1565c0',
  Suspended: '#1565c0',
  Faulted: '#c62828',
  Cancelled: '#616161',
};

const TEXT_COLOUR = '#212121';
const BORDER_COLOUR = '#546e7a';

export function categoryColour(category) {
  if (!category) {
    return '#455a64';
  }

  return CATEGORY_COLOURS[category] ?? '#455a64';
}

export function nodeHeight(node) {
  const ports = node.outPorts?.length ?? 0;
  return Math.max(56, HEADER_HEIGHT + 8 + ports * PORT_ROW_HEIGHT);
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// The text a screen reader announces for a node: label, type, status and the validation messages.
export function nodeAriaLabel(node, strings) {
  const parts = [node.label, node.typeName];
  if (node.status) {
    parts.push(strings.status[node.status] ?? node.status);
  }

  const problems = node.problems ?? [];
  if (problems.length > 0) {
    parts.push(`${strings.problems.replace('{0}', problems.length)}: ${problems.join('; ')}`);
  }

  return parts.join(', ');
}

/** Returns the X6 attrs for a node: everything that changes with label, category, status or problems. */
export function nodeAttrs(node, strings) {
  const problems = node.problems ?? [];
  const statusColour = node.status ? (STATUS_COLOURS[node.status] ?? BORDER_COLOUR) : null;
  return {
    root: {
      'data-testid': 'canvas-node',
      'data-node-id': node.id,
      'data-node-type': node.typeName,
      'data-status': node.status ?? null,
      'aria-label': nodeAriaLabel(node, strings),
      role: 'group',
      'aria-roledescription': strings.activity,
    },
    body: {
      stroke: statusColour ?? BORDER_COLOUR,
      strokeWidth: statusColour ? 3 : 1,
      strokeDasharray: node.isContainer ? '6 3' : null,
    },
    stripe: { fill: categoryColour(node.category) },
    label: { text: truncate(node.label, LABEL_MAX_CHARS), title: node.label },
    status: {
      text: node.status ? (strings.status[node.status] ?? node.status) : '',
      fill: statusColour ?? TEXT_COLOUR,
    },
    badge: {
      display: problems.length > 0 ? null : 'none',
      'data-testid': problems.length > 0 ? 'node-problems' : null,
      title: problems.join('\n'),
    },
    badgeText: { text: problems.length > 0 ? String(problems.length) : '' },
  };
}

function portItems(node) {
  const items = [];
  if (node.hasInPort !== false) {
    items.push({
      id: 'In',
      group: 'in',
      attrs: { circle: { 'data-port': 'In', 'data-port-node': node.id } },
    });
  }

  (node.outPorts ?? []).forEach((outcome, index) => {
    items.push({
      id: outcome,
      group: 'out',
      args: { x: NODE_WIDTH, y: HEADER_HEIGHT + index * PORT_ROW_HEIGHT + PORT_ROW_HEIGHT / 2 },
      attrs: {
        circle: { 'data-port': outcome, 'data-port-node': node.id },
        text: { text: truncate(node.portLabels?.[index] || outcome, 14) },
      },
    });
  });

  return items;
}

/** Returns the X6 metadata for a new node. */
export function nodeMetadata(node, strings) {
  return {
    id: node.id,
    shape: 'me-activity',
    x: node.x,
    y: node.y,
    width: NODE_WIDTH,
    height: nodeHeight(node),
    attrs: nodeAttrs(node, strings),
    ports: { items: portItems(node) },
  };
}

/** Replaces a node's ports when its outcomes or input changed. Edges are re-added by the caller. */
export function replacePorts(cell, node) {
  cell.removePorts();
  cell.resize(NODE_WIDTH, nodeHeight(node));
  cell.addPorts(portItems(node));
}

export function edgeAttrs(edge) {
  return {
    line: {
      'data-edge-id': edge.id,
      'data-taken': edge.taken ? 'true' : null,
      stroke: edge.taken ? '#2e7d32' : BORDER_COLOUR,
      strokeWidth: edge.taken ? 4 : 1.5,
    },
  };
}

/** Returns the X6 metadata for a new edge. */
export function edgeMetadata(edge) {
  return {
    id: edge.id,
    shape: 'me-connection',
    source: { cell: edge.source, port: edge.sourcePort },
    target: { cell: edge.target, port: edge.targetPort || 'In' },
    attrs: edgeAttrs(edge),
  };
}

/** Registers the node and edge shapes once per page. */
export function registerShapes(Graph) {
  if (registerShapes.done) {
    return;
  }

  registerShapes.done = true;
  const portCircle = {
    r: 6,
    magnet: true,
    stroke: BORDER_COLOUR,
    strokeWidth: 1.5,
    fill: '#ffffff',
    tabindex: null,
  };

  Graph.registerNode('me-activity', {
    inherit: 'rect',
    // No wrapper element: X6 reserves the selector 'root' for the node's own <g>, which gets the root attrs.
    markup: [
      { tagName: 'rect', selector: 'body' },
      { tagName: 'rect', selector: 'stripe' },
      { tagName: 'text', selector: 'label' },
      { tagName: 'text', selector: 'status' },
      {
        tagName: 'g',
        selector: 'badge',
        children: [
          { tagName: 'circle', selector: 'badgeCircle' },
          { tagName: 'text', selector: 'badgeText' },
        ],
      },
    ],
    attrs: {
      body: { refWidth: '100%', refHeight: '100%', rx: 6, ry: 6, fill: '#ffffff' },
      stripe: { width: 6, refHeight: '100%', rx: 3, ry: 3 },
      label: { refX: 16, y: 20, fontSize: 13, fontWeight: 600, fill: TEXT_COLOUR, textAnchor: 'start', textVerticalAnchor: 'middle' },
      status: { refX: 16, y: 38, fontSize: 11, textAnchor: 'start', textVerticalAnchor: 'middle' },
      badge: { refX: '100%', transform: 'translate(-4, 4)' },
      badgeCircle: { r: 10, fill: '#c62828', stroke: '#ffffff', strokeWidth: 1.5 },
      badgeText: { fontSize: 11, fontWeight: 700, fill: '#ffffff', textAnchor: 'middle', textVerticalAnchor: 'middle' },
    },
    ports: {
      groups: {
        in: {
          position: 'left',
          attrs: { circle: { ...portCircle, magnet: 'passive' } },
        },
        out: {
          position: 'absolute',
          label: { position: { name: 'left', args: { x: -10 } } },
          attrs: {
            circle: { ...portCircle, fill: '#eceff1' },
            text: { fontSize: 11, fill: TEXT_COLOUR },
          },
        },
      },
    },
  }, true);

  Graph.registerEdge('me-connection', {
    inherit: 'edge',
    // No obstacle-avoiding router: the plain connector keeps 170 edges cheap to draw and to redraw on a drag.
    connector: { name: 'smooth' },
    attrs: {
      line: { targetMarker: { name: 'block', width: 8, height: 6 } },
    },
  }, true);
}
