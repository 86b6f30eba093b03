/**
 * Downsampling for drawing: curves keep every point in the stores, charts draw at most a few
 * points per pixel column.
 */

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): picks `threshold` points of a series that
 * keep its visual shape. The first and last points are always kept. Input x must be ascending.
 */
export function lttb(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  threshold: number,
): { x: number[]; y: number[] } {
  const n = xs.length
  if (threshold >= n || threshold < 3) {
    return { x: Array.from(xs), y: Array.from(ys) }
  }
  const outX: number[] = [xs[0]!]
  const outY: number[] = [ys[0]!]
  const every = (n - 2) / (threshold - 2)
  let a = 0
  for (let i = 0; i < threshold - 2; i++) {
    // average of the next bucket: the third corner of the triangle
    const nextStart = Math.floor((i + 1) * every) + 1
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n)
    let avgX = 0
    let avgY = 0
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j]!
      avgY += ys[j]!
    }
    const len = Math.max(nextEnd - nextStart, 1)
    avgX /= len
    avgY /= len
    // the point of this bucket with the largest triangle
    const start = Math.floor(i * every) + 1
    const end = Math.floor((i + 1) * every) + 1
    const ax = xs[a]!
    const ay = ys[a]!
    let maxArea = -1
    let chosen = start
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay))
      if (area > maxArea) {
        maxArea = area
        chosen = j
      }
    }
    outX.push(xs[chosen]!)
    outY.push(ys[chosen]!)
    a = chosen
  }
  outX.push(xs[n - 1]!)
  outY.push(ys[n - 1]!)
  return { x: outX, y: outY }
}

/**
 * Min/max bucketing onto a grid shared by every series of a chart: the x range [x0, x1] is cut
 * into `buckets` columns and each column gets two slots (at a quarter and three quarters of its
 * width) holding the column's minimum and maximum in the order they occurred, so spikes survive.
 * Empty columns hold null (a gap that uPlot bridges with `spanGaps`).
 */
export function bucketGrid(x0: number, x1: number, buckets: number): number[] {
  const w = (x1 - x0) / buckets || 1
  const grid = new Array<number>(buckets * 2)
  for (let b = 0; b < buckets; b++) {
    grid[2 * b] = x0 + (b + 0.25) * w
    grid[2 * b + 1] = x0 + (b + 0.75) * w
  }
  return grid
}

export function minMaxBuckets(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x0: number,
  x1: number,
  buckets: number,
): (number | null)[] {
  const out = new Array<number | null>(buckets * 2).fill(null)
  const span = x1 - x0 || 1
  const minI = new Int32Array(buckets).fill(-1)
  const maxI = new Int32Array(buckets).fill(-1)
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (x < x0 || x > x1 || !Number.isFinite(y)) continue
    const b = Math.min(buckets - 1, Math.floor(((x - x0) / span) * buckets))
    if (minI[b]! < 0 || y < ys[minI[b]!]!) minI[b] = i
    if (maxI[b]! < 0 || y > ys[maxI[b]!]!) maxI[b] = i
  }
  for (let b = 0; b < buckets; b++) {
    const lo = minI[b]!
    const hi = maxI[b]!
    if (lo < 0) continue
    const first = Math.min(lo, hi)
    const second = Math.max(lo, hi)
    out[2 * b] = ys[first]!
    out[2 * b + 1] = ys[second]!
  }
  return out
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x: the grid grows in steps, not per point. */
export function niceCeil(x: number): number {
  if (x <= 1) return 1
  const e = Math.pow(10, Math.floor(Math.log10(x)))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * e >= x) return m * e
  return 10 * e
}
