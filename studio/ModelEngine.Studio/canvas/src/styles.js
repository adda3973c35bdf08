// The canvas's own CSS, added to the page once by the first canvas, so the bundle is the only file to serve.

const CSS = `
.me-canvas { position: relative; width: 100%; height: 100%; min-height: 480px; overflow: hidden;
  border: 1px solid #78909c; border-radius: 4px; background: #fafafa; }
.me-canvas:focus { outline: none; }
.me-canvas:focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }
.me-canvas-graph { position: absolute; inset: 0; }
.me-canvas-minimap { position: absolute; right: 8px; bottom: 8px; border: 1px solid #546e7a; border-radius: 2px;
  background: #ffffff; cursor: pointer; }
.me-canvas-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.me-canvas-panning, .me-canvas-panning * { cursor: grab !important; }
.me-canvas .me-edge-selected path[data-edge-id] { stroke: #1565c0; stroke-width: 3px; }
.me-canvas [data-testid="canvas-node"] { cursor: move; }
.me-canvas [data-testid="node-problems"] { cursor: help; }
`;

export function ensureStyles() {
  if (document.getElementById('me-canvas-style')) {
    return;
  }

  const style = document.createElement('style');
  style.id = 'me-canvas-style';
  style.textContent = CSS;
  document.head.appendChild(style);
}
