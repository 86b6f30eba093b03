import { describe, expect, it } from 'vitest'
import { centreOn, collapseModules, fitView, modulesOf, moduleId, zoomAt } from '@/lib/graphLayout'
import { rampText } from '@/lib/format'

const node = (id: string, group: string | null, macs: number, shape = [1]) => ({
  id,
  label: id,
  kind: 'conv',
  macs,
  params: macs / 10,
  outputShape: shape,
  group,
})
// input -> stem (a -> b) -> Mixed_5b (two branches c, d -> concat) -> fc
const nodes = [
  node('input', 'input', 0),
  node('a', 'stem', 100),
  node('b', 'stem', 50, [64, 35, 35]),
  node('c', 'Mixed_5b', 30),
  node('d', 'Mixed_5b', 20),
  node('cat', 'Mixed_5b', 0, [256, 35, 35]),
  node('fc', null, 5),
]
const edges = [
  { from: 'input', to: 'a' },
  { from: 'a', to: 'b' },
  { from: 'b', to: 'c' },
  { from: 'b', to: 'd' },
  { from: 'c', to: 'cat' },
  { from: 'd', to: 'cat' },
  { from: 'cat', to: 'fc' },
]

describe('collapsing modules', () => {
  it('draws a collapsed module as one node with its layers’ MACs and its last output', () => {
    const g = collapseModules(nodes, edges, new Set(['Mixed_5b']))
    expect(g.nodes.map((n) => n.id)).toEqual(['input', 'a', 'b', moduleId('Mixed_5b'), 'fc'])
    const m = g.nodes.find((n) => n.module === 'Mixed_5b')!
    expect(m).toMatchObject({ label: 'Mixed_5b', macs: 50, params: 5, members: 3 })
    expect(m.outputShape).toEqual([256, 35, 35])
    // the two edges into the module become one; the inside ones are gone
    expect(g.edges).toEqual([
      { from: 'input', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'module:Mixed_5b' },
      { from: 'module:Mixed_5b', to: 'fc' },
    ])
  })

  it('keeps every layer when nothing is collapsed, and lists the modules with their sizes', () => {
    expect(collapseModules(nodes, edges, new Set()).nodes).toHaveLength(nodes.length)
    expect([...modulesOf(nodes)]).toEqual([
      ['input', 1],
      ['stem', 2],
      ['Mixed_5b', 3],
    ])
  })
})

describe('the view', () => {
  it('fits a tall drawing into its box, centred, never above 1:1', () => {
    const v = fitView(800, 4870, 800, 640, 16)
    expect(v.k).toBeCloseTo(608 / 4870)
    expect(v.x).toBeCloseTo((800 - 800 * v.k) / 2)
    expect(fitView(100, 100, 800, 640).k).toBe(1)
  })

  it('zooms about the pointer: the content under it stays under it', () => {
    const v = { x: 10, y: 20, k: 0.5 }
    const z = zoomAt(v, 2, 300, 200)
    const content = (sx: number, sy: number, w: typeof v) => [(sx - w.x) / w.k, (sy - w.y) / w.k]
    expect(content(300, 200, z)).toEqual(content(300, 200, v))
    expect(z.k).toBe(1)
    expect(zoomAt(v, 1e6, 0, 0).k).toBe(4)
    const c = centreOn(500, 1000, 800, 600, 1)
    expect([c.x + 500, c.y + 1000]).toEqual([400, 300])
  })

  it('writes on the colour ramp in black or white, whichever contrasts more', () => {
    expect(rampText(0)).toBe('#fff') // the ramp's blue end
    expect(rampText(0.5)).toBe('#111') // green
    expect(rampText(1)).toBe('#fff') // red
  })
})
