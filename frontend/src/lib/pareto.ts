/** A point of the accuracy × cost plane. */
export interface CostPoint {
  id: string
  cost: number
  accuracy: number
}

/**
 * The Pareto front of points where lower cost and higher accuracy are better: every point that
 * no other point beats on one axis while matching or beating it on the other. Returned in
 * increasing cost (and so increasing accuracy). Points with a non-finite coordinate are ignored.
 * Of exact duplicates, only the first is kept.
 */
export function paretoFront<T extends CostPoint>(points: readonly T[]): T[] {
  const valid = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.accuracy))
  const sorted = [...valid].sort((a, b) => a.cost - b.cost || b.accuracy - a.accuracy)
  const front: T[] = []
  let best = -Infinity
  for (const p of sorted) {
    if (p.accuracy > best) {
      front.push(p)
      best = p.accuracy
    }
  }
  return front
}
