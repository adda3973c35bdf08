// Fit geometry that keeps nodes out from under the minimap in the canvas's bottom-right corner. A fit leaves the
// minimap's height free below the graph or its width free beside it, whichever costs less scale, and centres the
// graph in the space left over.
//
// X6's zoomToFit (3.1.8, TransformManager.zoomToRect) scales to the padded box but then centres the content in the
// whole view. That shifts it by half the difference between opposite paddings, back under the minimap.

export const FIT_MARGIN = 24;

// The minimap's offset from the canvas's edges and its border, as in styles.js (right: 8px; bottom: 8px;
// border: 1px), so its box is WIDTH + 2 by HEIGHT + 2 pixels.
const MINIMAP_OFFSET = 8;
const MINIMAP_BORDER = 1;

// How far a port circle reaches past the node's left or right edge: its radius (6) and half its stroke (1.5).
// X6's cell geometry leaves ports out, so the content area is widened by this much on both sides.
export const PORT_OVERHANG = 7;

/**
 * Computes the padding around the graph for a fit.
 * @param {{width: number, height: number}} view the canvas's size in pixels
 * @param {{width: number, height: number}} content the graph's content size at scale 1
 * @param {{width: number, height: number} | null} minimap the minimap's size without its border, or null when hidden
 */
export function fitPadding(view, content, minimap) {
  const plain = { left: FIT_MARGIN, top: FIT_MARGIN, right: FIT_MARGIN, bottom: FIT_MARGIN };
  if (!minimap) {
    return plain;
  }

  const below = { ...plain, bottom: minimap.height + 2 * MINIMAP_BORDER + MINIMAP_OFFSET + FIT_MARGIN };
  const beside = { ...plain, right: minimap.width + 2 * MINIMAP_BORDER + MINIMAP_OFFSET + FIT_MARGIN };
  return scaleWith(view, content, below) >= scaleWith(view, content, beside) ? below : beside;
}

/** Checks whether content drawn at scale 1, at its own coordinates, stays inside the padded view. */
export function fitsAsIs(view, area, padding) {
  return area.x >= padding.left && area.y >= padding.top
    && area.x + area.width + padding.right <= view.width
    && area.y + area.height + padding.bottom <= view.height;
}

/** Widens X6's content area (cell geometry) by the port circles that stick out of the nodes' sides. */
export function withPorts(area) {
  return { x: area.x - PORT_OVERHANG, y: area.y, width: area.width + 2 * PORT_OVERHANG, height: area.height };
}

/**
 * Computes the scale and translation that fit the content into the view, clear of the minimap, centred in the space
 * the padding leaves.
 * @param {{width: number, height: number}} view the canvas's size in pixels
 * @param {{x: number, y: number, width: number, height: number}} area the content area at scale 1, ports included
 * @param {{width: number, height: number} | null} minimap the minimap's size without its border, or null when hidden
 * @param {number} maxScale the largest scale to use
 * @returns {{scale: number, tx: number, ty: number}} a view point is local point * scale + (tx, ty)
 */
export function fitTransform(view, area, minimap, maxScale) {
  const padding = fitPadding(view, area, minimap);
  const scale = Math.min(scaleWith(view, area, padding), maxScale);
  const free = freeSize(view, padding);
  return {
    scale,
    tx: padding.left + (free.width - area.width * scale) / 2 - area.x * scale,
    ty: padding.top + (free.height - area.height * scale) / 2 - area.y * scale,
  };
}

/**
 * Computes the transform for a newly loaded graph: its own coordinates at scale 1 when it fits that way (so a new flowchart
 * does not jump to the middle), otherwise a fit no larger than scale 1.
 */
export function initialTransform(view, area, minimap) {
  if (fitsAsIs(view, area, fitPadding(view, area, minimap))) {
    return { scale: 1, tx: 0, ty: 0 };
  }

  return fitTransform(view, area, minimap, 1);
}

function freeSize(view, padding) {
  return {
    width: Math.max(view.width - padding.left - padding.right, 1),
    height: Math.max(view.height - padding.top - padding.bottom, 1),
  };
}

function scaleWith(view, content, padding) {
  const free = freeSize(view, padding);
  return Math.min(free.width / Math.max(content.width, 1), free.height / Math.max(content.height, 1));
}
