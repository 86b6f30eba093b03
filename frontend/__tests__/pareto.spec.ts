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
