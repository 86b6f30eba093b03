import { describe, expect, it } from 'vitest'
import { axesOf, axisY, linesOf, nearestLine, type PcInput } from '@/lib/parallel'
import { paramValue } from '@/lib/format'

const frame = { width: 760, height: 280, left: 30, right: 60, top: 24, bottom: 20 }

/** The plot's former layout, written directly: a search per row and value. */
function reference(rows: PcInput[]) {
  const names = new Set<string>()
  for (const r of rows) for (const k of Object.keys(r.params)) names.add(k)
  const axes = []
  for (const name of names) {
    const values = rows.map((r) => r.params[name]).filter((v) => v !== undefined && v !== null)
    if (new Set(values.map((v) => JSON.stringify(v))).size < 2) continue
    if (values.every((v) => typeof v === 'number')) {
      const nums = values as number[]
      const min = Math.min(...nums)
      const max = Math.max(...nums)
      axes.push({
        name,
        kind: min > 0 && max / min >= 20 ? 'log' : 'num',
        categories: [],
        min,
        max,
      })
    } else {
      const categories = [...new Set(values.map((v) => paramValue(v)))].sort()
      axes.push({ name, kind: 'cat', categories, min: 0, max: categories.length - 1 })
    }
  }
  const accs = rows.map((r) => r.accuracy).filter((a): a is number => a !== null)
  axes.push({
    name: 'accuracy',
    kind: 'num',
    categories: [],
    min: accs.length ? Math.min(...accs) : 0,
    max: accs.length ? Math.max(...accs) : 1,
  })
  return axes
}

function randomRows(n: number, seed: number): PcInput[] {
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const models = ['googlenet', 'bn-inception', 'inception-v3']
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    params: {
      model: models[Math.floor(rnd() * 3)],
      lr: 0.001 * 100 ** rnd(),
      width: [0.25, 0.5, 1][Math.floor(rnd() * 3)],
      epochs: 3,
      ...(rnd() < 0.3 ? { auxWeight: rnd() < 0.5 ? 0 : 0.3 } : {}),
    },
    accuracy: rnd() < 0.1 ? null : rnd(),
    state: rnd() < 0.2 ? 'pruned' : 'completed',
  }))
}

describe('parallel coordinates layout', () => {
  it('finds the axes the direct computation finds, constant parameters left out', () => {
    for (const n of [1, 2, 17, 500]) {
      const rows = randomRows(n, n)
      expect(axesOf(rows)).toEqual(reference(rows))
    }
    expect(axesOf(randomRows(50, 3)).map((a) => a.name)).not.toContain('epochs')
  })

  it('places every row on every axis it has a value for, categories by their sorted position', () => {
    const rows = randomRows(300, 9)
    const axes = axesOf(rows)
    const lines = linesOf(rows, axes, frame)
    rows.forEach((r, i) => {
      const want: number[] = []
      axes.forEach((a, k) => {
        const y = axisY(frame, a, a.name === 'accuracy' ? r.accuracy : r.params[a.name])
        if (y !== null) want.push(30 + (k * (760 - 30 - 60)) / (axes.length - 1), y)
      })
      expect(lines[i]!.xy).toEqual(want)
    })
  })

  it('lays out 10,000 trials and picks the line under the pointer', () => {
    const rows = randomRows(10_000, 1)
    const axes = axesOf(rows)
    const lines = linesOf(rows, axes, frame)
    expect(lines).toHaveLength(10_000)
    const l = lines[1234]!
    const x = (l.xy[0]! + l.xy[2]!) / 2
    const y = (l.xy[1]! + l.xy[3]!) / 2
    const picked = nearestLine(lines, x, y)
    const p = lines.find((q) => q.id === picked)!
    // the picked line passes through the point too (others may cross there)
    const at = p.xy[1]! + ((p.xy[3]! - p.xy[1]!) * (x - p.xy[0]!)) / (p.xy[2]! - p.xy[0]!)
    expect(Math.abs(at - y)).toBeLessThan(1e-9)
    expect(nearestLine(lines, -50, -50)).toBeNull()
  })
})
