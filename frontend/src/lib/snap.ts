/**
 * Snapping the pointer of a chart to real points: the hovered x becomes the nearest x at which a
 * visible curve has a point, and each curve contributes its own point nearest to that x. Pure
 * functions over ascending x arrays (binary search, O(log n) per curve).
 */

/** The index of the element of ascending `xs` nearest to x; -1 when empty. Ties go left. */
export function nearestIndex(xs: ArrayLike<number>, x: number, length = xs.length): number {
  if (length === 0) return -1
  let lo = 0
  let hi = length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  if (lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x)) return lo - 1
  return lo
}

/** The x of any curve nearest to x; null when no curve has a point. */
export function snapX(curves: readonly ArrayLike<number>[], x: number): number | null {
  let best: number | null = null
  for (const xs of curves) {
    const i = nearestIndex(xs, x)
    if (i < 0) continue
    const c = xs[i]!
    if (best === null || Math.abs(c - x) < Math.abs(best - x)) best = c
  }
  return best
}

/**
 * Each curve's point at the snapped x: its index when it has one within `tolerance` of x (in x
 * units), else -1 (the curve is not there).
 */
export function pointsAt(
  curves: readonly ArrayLike<number>[],
  x: number,
  tolerance: number,
): number[] {
  return curves.map((xs) => {
    const i = nearestIndex(xs, x)
    return i >= 0 && Math.abs(xs[i]! - x) <= tolerance ? i : -1
  })
}
