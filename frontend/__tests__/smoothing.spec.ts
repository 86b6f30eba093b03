import { describe, expect, it } from 'vitest'
import { emaSmooth } from '@/lib/smoothing'

describe('emaSmooth (TensorBoard-style debiased EMA)', () => {
  it('returns the input unchanged at weight 0', () => {
    expect(emaSmooth([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5])
  })

  it('starts at the first value instead of near zero (debiased)', () => {
    const out = emaSmooth([10, 10, 10], 0.9)
    for (const v of out) expect(v).toBeCloseTo(10, 10)
  })

  it('matches hand-computed values', () => {
    // w = 0.5: a1 = 0.5*0 = 0 -> 0/(1-0.5) = 0; a2 = 0.5*0 + 0.5*1 = 0.5 -> 0.5/(1-0.25) = 2/3
    // a3 = 0.5*0.5 + 0.5*1 = 0.75 -> 0.75/(1-0.125) = 6/7
    const out = emaSmooth([0, 1, 1], 0.5)
    expect(out[0]).toBeCloseTo(0, 12)
    expect(out[1]).toBeCloseTo(2 / 3, 12)
    expect(out[2]).toBeCloseTo(6 / 7, 12)
  })

  it('lags behind a step change more as the weight grows', () => {
    const step = [0, 0, 0, 0, 1, 1, 1, 1]
    const light = emaSmooth(step, 0.3)
    const heavy = emaSmooth(step, 0.9)
    expect(light[5]!).toBeGreaterThan(heavy[5]!)
    expect(heavy[7]!).toBeLessThan(1)
  })

  it('passes non-finite values through without poisoning later points', () => {
    const out = emaSmooth([1, NaN, 1], 0.6)
    expect(Number.isNaN(out[1]!)).toBe(true)
    expect(out[2]).toBeCloseTo(1, 12)
  })
})
