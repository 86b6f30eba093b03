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

// ---- modules: collapsing a group of layers into one node under its name ----------------------

export interface GraphNodeLike {
  id: string
  label: string
  kind: string
  macs: number
  params: number
  outputShape: number[]
  group: string | null
}

/** A node as drawn: a layer, or a collapsed module standing for its layers. */
export interface ShownNode extends GraphNodeLike {
  /** The module it stands for when collapsed (its layers' count in `members`). */
  module: string | null
  members: number
}

/** The id of the node a collapsed module is drawn as. */
export const moduleId = (group: string) => `module:${group}`

/**
 * The graph with every module in `collapsed` drawn as one node named after it: its layers' MACs
 * and params summed, the output shape of its last layer; edges into and out of the module are
 * kept (once each), edges inside it dropped. The order of the nodes is kept (a module sits where
 * its first layer was).
 */
export function collapseModules<N extends GraphNodeLike>(
  nodes: readonly N[],
  edges: readonly { from: string; to: string }[],
  collapsed: ReadonlySet<string>,
): { nodes: ShownNode[]; edges: { from: string; to: string }[] } {
  const shownId = new Map<string, string>()
  const out: ShownNode[] = []
  const modules = new Map<string, ShownNode>()
  for (const n of nodes) {
    const g = n.group
    if (g === null || !collapsed.has(g)) {
      shownId.set(n.id, n.id)
      out.push({ ...n, module: null, members: 1 })
      continue
    }
    const id = moduleId(g)
    shownId.set(n.id, id)
    const m = modules.get(g)
    if (m) {
      m.macs += n.macs
      m.params += n.params
      m.members++
      m.outputShape = n.outputShape
    } else {
      const made: ShownNode = {
        id,
        label: g,
        kind: 'module',
        macs: n.macs,
        params: n.params,
        outputShape: n.outputShape,
        group: g,
        module: g,
        members: 1,
      }
      modules.set(g, made)
      out.push(made)
    }
  }
  const seen = new Set<string>()
  const kept: { from: string; to: string }[] = []
  for (const e of edges) {
    const from = shownId.get(e.from)
    const to = shownId.get(e.to)
    if (from === undefined || to === undefined || from === to) continue
    const key = `${from}\u0000${to}`
    if (seen.has(key)) continue
    seen.add(key)
    kept.push({ from, to })
  }
  return { nodes: out, edges: kept }
}

/** The modules of a graph in first-seen order, with how many layers each holds. */
export function modulesOf(nodes: readonly { group: string | null }[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const n of nodes) if (n.group !== null) m.set(n.group, (m.get(n.group) ?? 0) + 1)
  return m
}

// ---- the view: zoom and pan as one transform ---------------------------------------------------

/** Screen = content × k + (x, y). */
export interface View {
  x: number
  y: number
  k: number
}

export const MIN_ZOOM = 0.05
export const MAX_ZOOM = 4

const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k))

/** The view that shows all of a `width`×`height` drawing in a `vw`×`vh` box, centred, never above 1:1. */
export function fitView(width: number, height: number, vw: number, vh: number, pad = 16): View {
  const k = clampZoom(Math.min(1, (vw - 2 * pad) / width, (vh - 2 * pad) / height))
  return { k, x: (vw - width * k) / 2, y: Math.max(pad, (vh - height * k) / 2) }
}

/** Zooms by `factor` keeping the content point under screen point (px, py) where it is. */
export function zoomAt(v: View, factor: number, px: number, py: number): View {
  const k = clampZoom(v.k * factor)
  const f = k / v.k
  return { k, x: px - (px - v.x) * f, y: py - (py - v.y) * f }
}

/** The view that puts content point (cx, cy) at the centre of a `vw`×`vh` box, at zoom k. */
export function centreOn(cx: number, cy: number, vw: number, vh: number, k: number): View {
  const z = clampZoom(k)
  return { k: z, x: vw / 2 - cx * z, y: vh / 2 - cy * z }
}
