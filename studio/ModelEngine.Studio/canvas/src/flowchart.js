// The studio's flowchart canvas: an AntV X6 graph driven by the FlowchartCanvas Blazor component.
// The component calls createCanvas once, then the returned object's methods. Events go back through the
// DotNetObjectReference's [JSInvokable] methods (NotifyDrop, NotifyMoved, ...).
import { Graph, Selection } from '@antv/x6';
import { commandFor, EDIT_COMMANDS, isArrow, nextNode } from './keyboard.js';
import { layoutLeftToRight } from './layout.js';
import { fitTransform, initialTransform, withPorts } from './fit.js';
import { HEIGHT as MINIMAP_HEIGHT, Minimap, WIDTH as MINIMAP_WIDTH } from './minimap.js';
import { ensureStyles } from './styles.js';
import { categoryColour, edgeAttrs, edgeMetadata, NODE_WIDTH, nodeAttrs, nodeHeight, nodeMetadata, registerShapes, replacePorts } from './shapes.js';

/** The dataTransfer type the toolbox sets on a dragged activity; its value is the activity type name. */
export const ACTIVITY_MIME = 'application/x-modelengine-activity';

// Live canvases by their container's id, for the debug helpers on window.modelEngineCanvas.
const canvases = new Map();

function samePorts(a, b) {
  const left = a.outPorts ?? [];
  const right = b.outPorts ?? [];
  const leftLabels = a.portLabels ?? [];
  const rightLabels = b.portLabels ?? [];
  return (a.hasInPort !== false) === (b.hasInPort !== false)
    && left.length === right.length
    && left.every((port, index) => port === right[index] && leftLabels[index] === rightLabels[index]);
}

function sameLook(a, b) {
  const problemsA = a.problems ?? [];
  const problemsB = b.problems ?? [];
  return a.label === b.label
    && a.typeName === b.typeName
    && a.category === b.category
    && a.status === b.status
    && a.isContainer === b.isContainer
    && problemsA.length === problemsB.length
    && problemsA.every((problem, index) => problem === problemsB[index]);
}

function sameEnds(a, b) {
  return a.source === b.source && a.sourcePort === b.sourcePort && a.target === b.target
    && (a.targetPort || 'In') === (b.targetPort || 'In');
}

class FlowchartCanvas {
  constructor(root, dotnet, options) {
    this.root = root;
    this.dotnet = dotnet;
    this.readOnly = !!options.readOnly;
    this.strings = options.strings;
    this.nodes = new Map();
    this.edges = new Map();
    this.moved = new Set();
    this.applying = false;
    this.silentSelection = false;
    this.spaceDown = false;
    this.focusId = null;
    this.disposed = false;
    this.listeners = [];

    registerShapes(Graph);
    ensureStyles();
    this.host = document.createElement('div');
    this.host.className = 'me-canvas-graph';
    root.appendChild(this.host);

    this.live = document.createElement('div');
    this.live.className = 'me-canvas-live';
    this.live.setAttribute('aria-live', 'polite');
    root.appendChild(this.live);

    this.graph = this.createGraph();
    this.selection = new Selection({
      enabled: true,
      multiple: true,
      multipleSelectionModifiers: ['ctrl', 'meta', 'shift'],
      rubberband: true,
      rubberEdge: false,
      movable: !this.readOnly,
      showNodeSelectionBox: true,
      showEdgeSelectionBox: false,
      pointerEvents: 'none',
    });
    this.graph.use(this.selection);

    this.minimap = new Minimap(root, this.graph, (id) => categoryColour(this.nodes.get(id)?.category));
    this.minimap.setVisible(options.showMinimap !== false);

    this.bindGraphEvents();
    this.bindDomEvents();
    if (root.id) {
      canvases.set(root.id, this);
    }
  }

  createGraph() {
    const canvas = this;
    return new Graph({
      container: this.host,
      autoResize: true,
      // Views render as the model changes. With async: true (X6 3.1.8), a view removed and added again with the same id
      // in one batch left both in the DOM, and 150 nodes took about as long to draw.
      async: false,
      background: { color: '#fafafa' },
      grid: { visible: true, size: 10, type: 'dot', args: { color: '#b0bec5' } },
      panning: { enabled: true, modifiers: ['alt'] },
      mousewheel: { enabled: true, modifiers: ['ctrl', 'meta'], minScale: 0.2, maxScale: 3, zoomAtMousePosition: true },
      interacting() {
        if (canvas.readOnly) {
          return { nodeMovable: false, magnetConnectable: false, edgeMovable: false, arrowheadMovable: false, vertexMovable: false, vertexAddable: false, vertexDeletable: false, edgeLabelMovable: false };
        }

        return { nodeMovable: true, magnetConnectable: true, edgeMovable: false, arrowheadMovable: false, vertexMovable: false, vertexAddable: false, vertexDeletable: false, edgeLabelMovable: false };
      },
      connecting: {
        snap: { radius: 24 },
        allowBlank: false,
        allowLoop: false,
        allowNode: true,
        allowEdge: false,
        allowPort: true,
        allowMulti: true,
        highlight: true,
        connector: { name: 'smooth' },
        createEdge() {
          return this.createEdge({ shape: 'me-connection', attrs: { line: { strokeDasharray: '5 3' } } });
        },
        validateMagnet({ magnet }) {
          return !canvas.readOnly && magnet.getAttribute('data-port') !== 'In';
        },
        validateConnection({ sourceCell, targetCell, sourcePort, targetPort, targetMagnet }) {
          return canvas.canConnect(sourceCell?.id, sourcePort, targetCell?.id, targetMagnet ? targetPort : 'In');
        },
      },
    });
  }

  /** Rejects self loops, duplicate edges, targets without an input port and any port but In as the target. */
  canConnect(source, sourcePort, target, targetPort) {
    if (this.readOnly || !source || !target || source === target || !sourcePort || sourcePort === 'In') {
      return false;
    }

    const node = this.nodes.get(target);
    if (!node || node.hasInPort === false || (targetPort && targetPort !== 'In')) {
      return false;
    }

    for (const edge of this.edges.values()) {
      if (edge.source === source && edge.sourcePort === sourcePort && edge.target === target) {
        return false;
      }
    }

    return true;
  }

  notify(method, ...args) {
    return this.dotnet.invokeMethodAsync(method, ...args).catch((error) => console.error(`modelEngineCanvas: ${method} failed`, error));
  }

  bindGraphEvents() {
    const graph = this.graph;
    graph.on('node:change:position', ({ node }) => {
      if (!this.applying && !this.readOnly) {
        this.moved.add(node.id);
      }
    });

    // The selection plugin moves the other selected nodes during the drag, so by mouse-up every moved node is known.
    // A drag that starts on a selected node is the plugin's and raises no node:moved, so mouse-up flushes as well
    // (see bindDomEvents).
    graph.on('node:moved', () => this.flushMoved());

    graph.on('node:dblclick', ({ node }) => this.notify('NotifyOpen', node.id));

    graph.on('resize', () => this.refitIfUntouched());

    graph.on('selection:changed', ({ added, removed, selected }) => {
      for (const cell of removed) {
        if (cell.isEdge()) {
          graph.findViewByCell(cell)?.container.classList.remove('me-edge-selected');
        }
      }

      for (const cell of added) {
        if (cell.isEdge()) {
          graph.findViewByCell(cell)?.container.classList.add('me-edge-selected');
        }
      }

      const ids = selected.filter((cell) => cell.isNode()).map((cell) => cell.id);
      this.focusId = ids.length > 0 ? ids[ids.length - 1] : null;
      this.announce(ids);
      if (!this.silentSelection) {
        this.notify('NotifySelectionChanged', ids);
      }
    });

    graph.on('edge:connected', ({ isNew, edge }) => {
      if (!isNew) {
        return;
      }

      const source = edge.getSourceCellId();
      const sourcePort = edge.getSourcePortId();
      const target = edge.getTargetCellId();
      const targetPort = edge.getTargetPortId() || 'In';
      // The designer owns the model. It sends back a new Graph that contains the edge, or leaves it out when it rejects it.
      edge.remove();
      if (this.canConnect(source, sourcePort, target, targetPort)) {
        this.notify('NotifyConnected', source, sourcePort, target, 'In');
      }
    });

    graph.on('edge:mouseenter', ({ edge }) => {
      if (this.readOnly || !this.edges.has(edge.id)) {
        return;
      }

      edge.addTools([{
        name: 'button-remove',
        args: {
          distance: '50%',
          onClick: ({ cell }) => this.notify('NotifyDisconnected', cell.id),
        },
      }]);
    });
    graph.on('edge:mouseleave', ({ edge }) => edge.removeTools());
  }

  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.listeners.push(() => target.removeEventListener(type, handler, options));
  }

  bindDomEvents() {
    const root = this.root;
    this.listen(root, 'pointerdown', (event) => {
      if (event.target !== root) {
        root.focus({ preventScroll: true });
      }

      if (this.spaceDown && event.button === 0) {
        this.startSpacePan(event);
      }
    }, true);

    // After X6's own mouse-up handlers, which finish the drag.
    const flushAfterDrag = () => setTimeout(() => this.flushMoved(), 0);
    this.listen(window, 'mouseup', flushAfterDrag, true);
    this.listen(window, 'touchend', flushAfterDrag, true);

    this.listen(root, 'keydown', (event) => this.onKeyDown(event));
    this.listen(root, 'keyup', (event) => {
      if (event.key === ' ') {
        this.spaceDown = false;
        root.classList.remove('me-canvas-panning');
      }
    });

    this.listen(root, 'wheel', (event) => {
      if (!event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        this.graph.translateBy(-event.deltaX, -event.deltaY);
      }
    }, { passive: false });

    this.listen(root, 'dragover', (event) => {
      if (!this.readOnly && event.dataTransfer && Array.from(event.dataTransfer.types).includes(ACTIVITY_MIME)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    });

    this.listen(root, 'drop', (event) => {
      const typeName = event.dataTransfer?.getData(ACTIVITY_MIME);
      if (this.readOnly || !typeName) {
        return;
      }

      event.preventDefault();
      const point = this.graph.clientToLocal(event.clientX, event.clientY);
      this.notify('NotifyDrop', typeName, Math.round(point.x), Math.round(point.y));
    });
  }

  startSpacePan(event) {
    event.preventDefault();
    event.stopPropagation();
    let lastX = event.clientX;
    let lastY = event.clientY;
    const move = (e) => {
      this.graph.translateBy(e.clientX - lastX, e.clientY - lastY);
      lastX = e.clientX;
      lastY = e.clientY;
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  onKeyDown(event) {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) {
      return;
    }

    if (event.key === ' ') {
      event.preventDefault();
      this.spaceDown = true;
      this.root.classList.add('me-canvas-panning');
      return;
    }

    if (isArrow(event.key) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.moveSelection(event.key);
      return;
    }

    if (event.key === 'Enter') {
      if (this.focusId) {
        event.preventDefault();
        this.notify('NotifyOpen', this.focusId);
      }

      return;
    }

    if (event.key === 'Escape') {
      this.selection.clean();
      return;
    }

    const command = commandFor(event);
    if (!command) {
      return;
    }

    event.preventDefault();
    if (this.readOnly && EDIT_COMMANDS.has(command)) {
      return;
    }

    if (command === 'Delete') {
      const selected = this.selection.getSelectedCells();
      const edges = selected.filter((cell) => cell.isEdge() && this.edges.has(cell.id));
      for (const edge of edges) {
        this.notify('NotifyDisconnected', edge.id);
      }

      if (selected.some((cell) => cell.isNode())) {
        this.notify('NotifyCommand', command);
      }

      return;
    }

    if (command === 'SelectAll') {
      this.selection.reset(this.graph.getNodes());
    }

    this.notify('NotifyCommand', command);
  }

  moveSelection(key) {
    const current = this.focusId ? this.graph.getCellById(this.focusId) : null;
    const next = nextNode(this.graph.getNodes(), current, key);
    if (!next) {
      return;
    }

    this.selection.reset(next);
    const area = this.graph.getGraphArea();
    if (!area.containsRect(next.getBBox())) {
      this.graph.centerCell(next);
    }
  }

  announce(ids) {
    if (ids.length === 0) {
      this.live.textContent = this.strings.noSelection;
      return;
    }

    const labels = ids.slice(0, 3).map((id) => this.nodes.get(id)?.label ?? id);
    const more = ids.length > 3 ? ` (+${ids.length - 3})` : '';
    this.live.textContent = this.strings.selected.replace('{0}', labels.join(', ') + more);
  }

  flushMoved() {
    if (this.disposed || this.moved.size === 0) {
      return;
    }

    const positions = [];
    for (const id of this.moved) {
      const cell = this.graph.getCellById(id);
      if (cell?.isNode()) {
        const position = cell.getPosition();
        positions.push({ id, x: Math.round(position.x), y: Math.round(position.y) });
      }
    }

    this.moved.clear();
    if (positions.length > 0) {
      this.notify('NotifyMoved', positions);
    }
  }

  /**
   * Draws a whole graph at once, the first time. Once every node is in the DOM, the time taken goes into the
   * container's data-render-ms attribute and the console.
   */
  load(graph) {
    const started = performance.now();
    const nodes = graph.nodes ?? [];
    const ids = new Set(nodes.map((node) => node.id));
    const edges = (graph.edges ?? []).filter((edge) => ids.has(edge.source) && ids.has(edge.target));
    this.applying = true;
    try {
      this.graph.fromJSON({ cells: [...nodes.map((node) => nodeMetadata(node, this.strings)), ...edges.map(edgeMetadata)] });
    } finally {
      this.applying = false;
    }

    this.nodes = new Map(nodes.map((node) => [node.id, node]));
    this.edges = new Map(edges.map((edge) => [edge.id, edge]));
    if (nodes.length > 0) {
      this.fitIfNeeded();
    }

    this.reportWhenDrawn(started, nodes.length, edges.length);
  }

  // Polls once per animation frame, for at most about 10 s at 60 frames per second.
  reportWhenDrawn(started, nodeCount, edgeCount, frames = 600) {
    const drawn = this.host.querySelectorAll('[data-testid=canvas-node]').length >= nodeCount;
    if (!drawn && frames > 0 && !this.disposed) {
      requestAnimationFrame(() => this.reportWhenDrawn(started, nodeCount, edgeCount, frames - 1));
      return;
    }

    const elapsed = Math.round(performance.now() - started);
    this.root.dataset.renderMs = String(elapsed);
    console.info(`modelEngineCanvas: drew ${nodeCount} nodes and ${edgeCount} edges in ${elapsed} ms`);
  }

  /** Applies the difference between the last drawn graph and this one. Unchanged nodes and edges are not touched. */
  update(graph) {
    const nextNodes = new Map((graph.nodes ?? []).map((node) => [node.id, node]));
    const nextEdges = new Map();
    for (const edge of graph.edges ?? []) {
      if (nextNodes.has(edge.source) && nextNodes.has(edge.target)) {
        nextEdges.set(edge.id, edge);
      }
    }

    this.applying = true;
    try {
      this.graph.batchUpdate(() => this.applyDiff(nextNodes, nextEdges));
    } finally {
      this.applying = false;
    }

    this.nodes = nextNodes;
    this.edges = nextEdges;

    // A node added from the toolbox by keyboard goes right of the rightmost node, which can lie outside the view.
    if (graph.revealNodeId) {
      this.reveal(graph.revealNodeId);
    }
  }

  /** Centres the view on a node that lies wholly or partly outside it. */
  reveal(id) {
    const cell = this.graph.getCellById(id);
    if (!cell || !cell.isNode()) {
      return;
    }

    const box = this.graph.localToGraph(cell.getBBox());
    const view = this.viewSize();
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
    if (!inside) {
      this.graph.centerCell(cell);
    }
  }

  applyDiff(nextNodes, nextEdges) {
    const graph = this.graph;
    const drawnEdges = new Map(this.edges);
    for (const [id, edge] of this.edges) {
      const next = nextEdges.get(id);
      if (!next || !sameEnds(edge, next)) {
        graph.removeCell(id);
        drawnEdges.delete(id);
      }
    }

    for (const id of this.nodes.keys()) {
      if (!nextNodes.has(id)) {
        graph.removeCell(id);
      }
    }

    for (const [id, node] of nextNodes) {
      const cell = graph.getCellById(id);
      if (!cell) {
        graph.addNode(nodeMetadata(node, this.strings));
        continue;
      }

      const drawn = this.nodes.get(id);
      const position = cell.getPosition();
      if (position.x !== node.x || position.y !== node.y) {
        cell.setPosition(node.x, node.y);
      }

      if (!samePorts(drawn, node)) {
        // Edges on the old ports go first; the loop below adds back the ones the new graph still has.
        for (const edge of graph.getConnectedEdges(cell)) {
          drawnEdges.delete(edge.id);
          edge.remove();
        }

        replacePorts(cell, node);
      }

      if (!sameLook(drawn, node)) {
        cell.setAttrs(nodeAttrs(node, this.strings));
      }
    }

    for (const [id, edge] of nextEdges) {
      const drawn = drawnEdges.get(id);
      if (!drawn || !graph.getCellById(id)) {
        graph.addEdge(edgeMetadata(edge));
      } else if (!!drawn.taken !== !!edge.taken) {
        graph.getCellById(id).setAttrs(edgeAttrs(edge));
      }
    }
  }

  setReadOnly(readOnly) {
    this.readOnly = !!readOnly;
    this.selection.toggleSelectionMovable(!this.readOnly);
    if (this.readOnly) {
      for (const edge of this.graph.getEdges()) {
        edge.removeTools();
      }
    }
  }

  setShowMinimap(visible) {
    this.minimap.setVisible(!!visible);
  }

  select(ids) {
    const cells = ids.map((id) => this.graph.getCellById(id)).filter((cell) => cell);
    this.silentSelection = true;
    try {
      this.selection.reset(cells);
    } finally {
      this.silentSelection = false;
    }
  }

  zoom(factor) {
    this.graph.zoom(factor);
  }

  // A flowchart that fits at full size keeps its own coordinates, so a new one does not jump to the middle. A larger
  // one is zoomed out until it fits. Neither way does a node end up under the minimap.
  fitIfNeeded() {
    this.applyFit(() => initialTransform(this.viewSize(), this.contentArea(), this.minimapSize()));
  }

  zoomToFit() {
    this.applyFit(() => fitTransform(this.viewSize(), this.contentArea(), this.minimapSize(), 1.5));
  }

  // Remembers how the fit was computed, so a resize can repeat it while the view is still where the fit put it.
  applyFit(compute) {
    const transform = compute();
    this.applyTransform(transform);
    this.lastFit = { compute, transform };
  }

  // The canvas can change size after the first fit, for example when the window is resized, so the fit is repeated
  // unless the user has zoomed or panned since. NOTE: nodes dragged since the fit do not stop the refit.
  refitIfUntouched() {
    if (!this.lastFit || this.disposed) {
      return;
    }

    const { sx } = this.graph.scale();
    const { tx, ty } = this.graph.translate();
    const last = this.lastFit.transform;
    // The transform is read back from an SVG matrix, which browsers may keep in 32-bit floats.
    const same = (a, b) => Math.abs(a - b) < 0.01;
    if (same(sx, last.scale) && same(tx, last.tx) && same(ty, last.ty)) {
      this.applyFit(this.lastFit.compute);
    } else {
      this.lastFit = null;
    }
  }

  applyTransform({ scale, tx, ty }) {
    this.graph.zoomTo(scale);
    this.graph.translate(tx, ty);
  }

  viewSize() {
    return { width: this.host.clientWidth, height: this.host.clientHeight };
  }

  contentArea() {
    return withPorts(this.graph.getContentArea());
  }

  minimapSize() {
    return this.minimap.element.hidden ? null : { width: MINIMAP_WIDTH, height: MINIMAP_HEIGHT };
  }

  /** Lays the nodes out left to right, moves them and returns every node's new position. */
  autoLayout() {
    const nodes = Array.from(this.nodes.values());
    const positions = layoutLeftToRight(nodes, Array.from(this.edges.values()), (node) => ({ width: NODE_WIDTH, height: nodeHeight(node) }));
    this.applying = true;
    try {
      this.graph.batchUpdate(() => {
        for (const position of positions) {
          this.graph.getCellById(position.id)?.setPosition(position.x, position.y);
        }
      });
    } finally {
      this.applying = false;
    }

    this.zoomToFit();
    return positions;
  }

  dispose() {
    this.disposed = true;
    for (const remove of this.listeners) {
      remove();
    }

    this.listeners = [];
    this.minimap.dispose();
    this.graph.dispose();
    this.host.remove();
    this.live.remove();
    canvases.delete(this.root.id);
  }
}

/**
 * Creates a canvas in root (an empty element that Blazor renders no children into) and draws graph.
 * Returns the object the component keeps as an IJSObjectReference.
 */
export function createCanvas(root, dotnet, graph, options) {
  const canvas = new FlowchartCanvas(root, dotnet, options);
  canvas.load(graph);
  return {
    update: (next) => canvas.update(next),
    setReadOnly: (readOnly) => canvas.setReadOnly(readOnly),
    setShowMinimap: (visible) => canvas.setShowMinimap(visible),
    select: (ids) => canvas.select(ids),
    zoomIn: () => canvas.zoom(0.2),
    zoomOut: () => canvas.zoom(-0.2),
    zoomToFit: () => canvas.zoomToFit(),
    autoLayout: () => canvas.autoLayout(),
    dispose: () => canvas.dispose(),
  };
}

// Debug helpers for browser tests, keyed by the canvas container's id.
window.modelEngineCanvas = {
  nodeCount: (containerId) => canvases.get(containerId)?.graph.getNodes().length ?? -1,
  edgeCount: (containerId) => canvases.get(containerId)?.graph.getEdges().length ?? -1,
  renderMs: (containerId) => Number(document.getElementById(containerId)?.dataset.renderMs ?? -1),
};
