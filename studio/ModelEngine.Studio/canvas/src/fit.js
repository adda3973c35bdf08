// Fit padding that keeps nodes out from under the minimap, which sits over the canvas's bottom-right corner. A fit
// leaves the minimap's height free below the graph or its width free beside it, whichever costs the graph less scale.

export const FIT_MARGIN = 24;

// The minimap's offset from the canvas's edges, as in styles.js (right: 8px; bottom: 8px).
const MINIMAP_OFFSET = 8;

/**
 * Computes the padding for X6's zoomToFit.
 * @param {{width: number, height: number}} view the canvas's size in pixels
 * @param {{width: number, height: number}} content the graph's content size at scale 1
 * @param {{width: number, height: number} | null} minimap the minimap's size, or null when it is hidden
 */
export function fitPadding(view, content, minimap) {
  const plain = { left: FIT_MARGIN, top: FIT_MARGIN, right: FIT_MARGIN, bottom: FIT_MARGIN };
  if (!minimap) {
    return plain;
  }

  const below = { ...plain, bottom: minimap.height + MINIMAP_OFFSET + FIT_MARGIN };
  const beside = { ...plain, right: minimap.width + MINIMAP_OFFSET + FIT_MARGIN };
  return scaleWith(view, content, below) >= scaleWith(view, content, beside) ? below : beside;
}

/** Checks whether content drawn at scale 1, at its own coordinates, stays inside the padded view. */
export function fitsAsIs(view, area, padding) {
  return area.x >= padding.left && area.y >= padding.top
    && area.x + area.width + padding.right <= view.width
    && area.y + area.height + padding.bottom <= view.height;
}

function scaleWith(view, content, padding) {
  const width = Math.max(view.width - padding.left - padding.right, 1);
  const height = Math.max(view.height - padding.top - padding.bottom, 1);
  return Math.min(width / Math.max(content.width, 1), height / Math.max(content.height, 1));
}
