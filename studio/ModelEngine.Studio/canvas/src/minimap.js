// A small overview of the whole graph, drawn on a <canvas>. Clicking or dragging on it centres the view there.
// It draws rectangles only, so it stays cheap with 150 nodes; X6's own minimap plugin renders a second full graph.

export const WIDTH = 180;
export const HEIGHT = 120;

export class Minimap {
  constructor(parent, graph, colourOf) {
    this.graph = graph;
    this.colourOf = colourOf;
    this.element = document.createElement('canvas');
    this.element.className = 'me-canvas-minimap';
    this.element.width = WIDTH;
    this.element.height = HEIGHT;
    // Pointer-only aid: keyboard users have zoom-to-fit and the arrow keys, so screen readers skip it.
    this.element.setAttribute('aria-hidden', 'true');
    this.element.dataset.testid = 'canvas-minimap';
    parent.appendChild(this.element);

    this.scheduled = false;
    this.schedule = () => {
      if (!this.scheduled) {
        this.scheduled = true;
        requestAnimationFrame(() => {
          this.scheduled = false;
          this.draw();
        });
      }
    };

    for (const name of ['cell:added', 'cell:removed', 'node:change:position', 'node:change:size', 'scale', 'translate', 'resize']) {
      graph.on(name, this.schedule);
    }

    this.onPointerDown = (event) => {
      event.preventDefault();
      event.stopPropagation();
      this.navigate(event);
      const move = (e) => this.navigate(e);
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    };
    this.element.addEventListener('pointerdown', this.onPointerDown);
    this.schedule();
  }

  setVisible(visible) {
    this.element.hidden = !visible;
    if (visible) {
      this.schedule();
    }
  }

  // The local rectangle shown in the minimap: the content plus the visible area, so the viewport box always fits.
  bounds() {
    const content = this.graph.getContentBBox();
    const area = this.graph.getGraphArea();
    const x = Math.min(content.x, area.x);
    const y = Math.min(content.y, area.y);
    const right = Math.max(content.x + content.width, area.x + area.width);
    const bottom = Math.max(content.y + content.height, area.y + area.height);
    const width = Math.max(right - x, 1);
    const height = Math.max(bottom - y, 1);
    const scale = Math.min(WIDTH / width, HEIGHT / height);

    // Centre the drawing: the shorter side leaves a margin.
    const left = (WIDTH - width * scale) / 2;
    const top = (HEIGHT - height * scale) / 2;
    return { x: x - left / scale, y: y - top / scale, scale, area };
  }

  draw() {
    if (this.element.hidden || !this.graph.container) {
      return;
    }

    const context = this.element.getContext('2d');
    if (!context) {
      return;
    }

    const { x, y, scale, area } = this.bounds();
    context.clearRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, WIDTH, HEIGHT);

    for (const node of this.graph.getNodes()) {
      const box = node.getBBox();
      context.fillStyle = this.colourOf(node.id);
      context.fillRect((box.x - x) * scale, (box.y - y) * scale, Math.max(box.width * scale, 2), Math.max(box.height * scale, 2));
    }

    context.strokeStyle = '#1565c0';
    context.lineWidth = 2;
    context.strokeRect((area.x - x) * scale, (area.y - y) * scale, area.width * scale, area.height * scale);
  }

  navigate(event) {
    const rect = this.element.getBoundingClientRect();
    const { x, y, scale } = this.bounds();
    this.graph.centerPoint(x + (event.clientX - rect.left) / scale, y + (event.clientY - rect.top) / scale);
  }

  dispose() {
    for (const name of ['cell:added', 'cell:removed', 'node:change:position', 'node:change:size', 'scale', 'translate', 'resize']) {
      this.graph.off(name, this.schedule);
    }

    this.element.removeEventListener('pointerdown', this.onPointerDown);
    this.element.remove();
  }
}
