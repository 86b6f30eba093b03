/**
 * Layered layout of a directed acyclic graph (an architecture): each node's layer is its longest
 * path from a source; nodes in a layer are ordered by the mean position of their parents
 * (one barycentre pass), which keeps the branches of an inception block side by side.
 */
export interface LayoutNode {
  id: string
  layer: number
  order: number
}

export function layeredLayout(
  ids: readonly string[],
  edges: readonly { from: string; to: string }[],
): { nodes: Map<string, LayoutNode>; layers: string[][] } {
  const known = new Set(ids)
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]))
  const children = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const e of edges) {
    if (!known.has(e.from) || !known.has(e.to) || e.from === e.to) continue
    parents.get(e.to)!.push(e.from)
    children.get(e.from)!.push(e.to)
  }
  // Kahn's order; nodes on a cycle (should not happen) are appended in input order.
  const indeg = new Map(ids.map((id) => [id, parents.get(id)!.length]))
  const queue = ids.filter((id) => indeg.get(id) === 0)
  const order: string[] = []
  while (queue.length) {
    const id = queue.shift()!
    order.push(id)
    for (const c of children.get(id)!) {
      indeg.set(c, indeg.get(c)! - 1)
      if (indeg.get(c) === 0) queue.push(c)
    }
  }
  for (const id of ids) if (!order.includes(id)) order.push(id)
  const layer = new Map<string, number>()
  for (const id of order) {
    const ps = parents.get(id)!.filter((p) => layer.has(p))
    layer.set(id, ps.length ? Math.max(...ps.map((p) => layer.get(p)!)) + 1 : 0)
  }
  const layers: string[][] = []
  for (const id of order) (layers[layer.get(id)!] ??= []).push(id)
  const pos = new Map<string, number>()
  layers.forEach((l, li) => {
    if (li > 0) {
      const bary = (id: string) => {
        const ps = parents.get(id)!.filter((p) => pos.has(p))
        return ps.length ? ps.reduce((s, p) => s + pos.get(p)!, 0) / ps.length : 0
      }
      l.sort((a, b) => bary(a) - bary(b))
    }
    l.forEach((id, i) => pos.set(id, i - (l.length - 1) / 2))
  })
  const nodes = new Map<string, LayoutNode>()
  layers.forEach((l, li) => l.forEach((id, i) => nodes.set(id, { id, layer: li, order: i })))
  return { nodes, layers }
}
