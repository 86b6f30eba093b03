import { describe, expect, it } from 'vitest'
import { bucketGrid, lttb, minMaxBuckets } from '@/lib/downsample'

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('lttb', () => {
  it('returns the series unchanged when it is short enough', () => {
    expect(lttb([0, 1, 2], [5, 6, 7], 10)).toEqual({ x: [0, 1, 2], y: [5, 6, 7] })
  })

  it('returns exactly threshold points, keeping the first and last, x ascending', () => {
    const xs = range(2000)
    const ys = xs.map((x) => Math.sin(x / 50))
    const out = lttb(xs, ys, 200)
    expect(out.x).toHaveLength(200)
    expect(out.x[0]).toBe(0)
    expect(out.x[199]).toBe(1999)
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]!).toBeGreaterThan(out.x[i - 1]!)
  })

  it('keeps an isolated spike', () => {
    const xs = range(1000)
    const ys = xs.map((x) => (x === 537 ? 100 : 1))
    const out = lttb(xs, ys, 50)
    expect(out.y).toContain(100)
    expect(out.x).toContain(537)
  })
})

describe('minMaxBuckets', () => {
  it('puts each bucket’s minimum and maximum in the order they occurred', () => {
    // 10 points over [0, 9] into 2 buckets: [0..4] and [5..9]
    const xs = range(10)
    const ys = [5, 9, 1, 4, 4, 2, 2, 8, 0, 3]
    const out = minMaxBuckets(xs, ys, 0, 9, 2)
    // bucket 0: max 9 at i=1 comes before min 1 at i=2; bucket 1: max 8 (i=7) before min 0 (i=8)
    expect(out).toEqual([9, 1, 8, 0])
  })

  it('leaves empty buckets null and ignores points outside the range', () => {
    const out = minMaxBuckets([0, 1, 9], [1, 2, 3], 0, 3, 3)
    expect(out).toEqual([1, 1, 2, 2, null, null])
  })

  it('turns 2,000 points into 2 values per bucket with the global extremes kept', () => {
    const xs = range(2000)
    const ys = xs.map((x) => Math.cos(x / 13) * (x === 1234 ? 10 : 1))
    const out = minMaxBuckets(xs, ys, 0, 1999, 100)
    expect(out).toHaveLength(200)
    expect(Math.max(...(out as number[]))).toBeCloseTo(Math.max(...ys), 12)
    expect(Math.min(...(out as number[]))).toBeCloseTo(Math.min(...ys), 12)
  })

  it('shares one x grid: two slots per bucket inside the bucket', () => {
    expect(bucketGrid(0, 100, 2)).toEqual([12.5, 37.5, 62.5, 87.5])
  })
})
