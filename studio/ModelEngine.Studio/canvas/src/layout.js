// Left-to-right auto-layout with dagre.
import dagre from '@dagrejs/dagre';

/**
 * Computes top-left positions for every node, ranked left to right along the edges.
 * sizeOf(node) returns { width, height } in graph units.
 */
export function layoutLeftToRight(nodes, edges, sizeOf) {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 40, marginy: 40 });
  graph.setDefaultEdgeLabel(() => ({}));

  for (const node of nodes) {
    graph.setNode(node.id, sizeOf(node));
  }

  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && edge.source !== edge.target) {
      graph.setEdge(edge.source, edge.target, {}, edge.id);
    }
  }

  dagre.layout(graph);

  // dagre returns centres, but the canvas and the designer store top-left corners.
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    return {
      id: node.id,
      x: Math.round(placed.x - placed.width / 2),
      y: Math.round(placed.y - placed.height / 2),
    };
  });
}
