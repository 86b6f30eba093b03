import { describe, expect, it } from 'vitest'
import { summarize } from '@/lib/grouping'

type Row = { params: Record<string, unknown>; acc: number | null; macs: number }

const rows: Row[] = [
  { params: { block: 'naive', seed: 1 }, acc: 0.8, macs: 190e6 },
  { params: { block: 'naive', seed: 2 }, acc: 0.6, macs: 190e6 },
  { params: { block: 'naive', seed: 3 }, acc: null, macs: 190e6 },
  { params: { block: 'reduced', seed: 1 }, acc: 0.9, macs: 18e6 },
  { params: { block: 'reduced', seed: 2 }, acc: 0.7, macs: 18e6 },
]
const outcomes = { acc: (r: Row) => r.acc, macs: (r: Row) => r.macs }

describe('the results table grouped by a parameter', () => {
  it('gives each group its size and each outcome its mean and min–max over the rows with a value', () => {
    const g = summarize(rows, 'block', outcomes, 'minmax')
    expect(g.map((x) => [x.value, x.size])).toEqual([
      ['naive', 3],
      ['reduced', 2],
    ])
    // naive: (0.8 + 0.6) / 2, the trial without a value left out
    expect(g[0]!.stats.acc.mean).toBeCloseTo(0.7, 12)
    expect(g[0]!.stats.acc).toMatchObject({ lo: 0.6, hi: 0.8, n: 2 })
    expect(g[1]!.stats.macs).toMatchObject({ mean: 18e6, lo: 18e6, hi: 18e6, n: 2 })
  })

  it('with std the spread is mean ± the population standard deviation', () => {
    const g = summarize(rows, 'block', outcomes, 'std')
    // reduced: mean 0.8, deviations ±0.1 → std 0.1
    expect(g[1]!.stats.acc.mean).toBeCloseTo(0.8, 12)
    expect(g[1]!.stats.acc.lo).toBeCloseTo(0.7, 12)
    expect(g[1]!.stats.acc.hi).toBeCloseTo(0.9, 12)
  })
})
