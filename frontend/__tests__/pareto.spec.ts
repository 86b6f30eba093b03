import { describe, expect, it } from 'vitest'
import { paretoFront } from '@/lib/pareto'

const p = (id: string, cost: number, accuracy: number) => ({ id, cost, accuracy })

describe('paretoFront (min cost, max accuracy)', () => {
  it('keeps exactly the non-dominated points, in increasing cost', () => {
    const pts = [
      p('a', 100, 0.7),
      p('b', 200, 0.8),
      p('c', 150, 0.65), // dominated by a (cheaper and better)
      p('d', 400, 0.9),
      p('e', 300, 0.85),
      p('f', 500, 0.88), // dominated by d
    ]
    expect(paretoFront(pts).map((x) => x.id)).toEqual(['a', 'b', 'e', 'd'])
  })

  it('of two points at the same cost keeps the more accurate', () => {
    expect(paretoFront([p('low', 10, 0.5), p('high', 10, 0.6)]).map((x) => x.id)).toEqual(['high'])
  })

  it('drops a point that only ties on accuracy at a higher cost', () => {
    expect(paretoFront([p('a', 1, 0.5), p('b', 2, 0.5)]).map((x) => x.id)).toEqual(['a'])
  })

  it('ignores points without a finite cost or accuracy', () => {
    expect(
      paretoFront([p('a', NaN, 0.9), p('b', 5, NaN), p('c', 5, 0.4)]).map((x) => x.id),
    ).toEqual(['c'])
    expect(paretoFront([])).toEqual([])
  })
})

/** The definition, pair by pair: a point is on the front when no other point dominates it. */
function bruteFront<T extends { id: string; cost: number; accuracy: number }>(pts: T[]): T[] {
  const valid = pts.filter((q) => Number.isFinite(q.cost) && Number.isFinite(q.accuracy))
  const kept: T[] = []
  for (let i = 0; i < valid.length; i++) {
    const a = valid[i]!
    let dominated = false
    for (let j = 0; j < valid.length && !dominated; j++) {
      if (i === j) continue
      const b = valid[j]!
      const noWorse = b.cost <= a.cost && b.accuracy >= a.accuracy
      const better = b.cost < a.cost || b.accuracy > a.accuracy
      // an exact duplicate earlier in the input counts as dominating (the first one is kept)
      const earlierTwin = b.cost === a.cost && b.accuracy === a.accuracy && j < i
      dominated = (noWorse && better) || earlierTwin
    }
    if (!dominated) kept.push(a)
  }
  return kept.sort((x, y) => x.cost - y.cost)
}

describe('paretoFront against the O(n²) definition', () => {
  it('agrees on random point sets, with ties, duplicates and missing values', () => {
    let seed = 42
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rnd() * 300)
      const coarse = round % 2 === 0 // few distinct values: many ties
      const pts = Array.from({ length: n }, (_, i) =>
        p(
          `p${i}`,
          rnd() < 0.02 ? NaN : coarse ? Math.floor(rnd() * 8) : rnd() * 1e9,
          coarse ? Math.floor(rnd() * 6) / 5 : rnd(),
        ),
      )
      expect(paretoFront(pts).map((x) => x.id)).toEqual(bruteFront(pts).map((x) => x.id))
    }
  })

  it('handles 10,000 trials', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) =>
      p(`p${i}`, (i * 7919) % 10_007, ((i * 104_729) % 9973) / 9973),
    )
    expect(paretoFront(pts).map((x) => x.id)).toEqual(bruteFront(pts).map((x) => x.id))
  })
})
