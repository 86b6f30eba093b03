/**
 * The optimisation history of a sweep, as Optuna's `plot_optimization_history` draws it: each
 * finished trial's objective value in the order trials finished, and the best value so far. The
 * best-so-far line follows completed trials only; trials that ASHA pruned are kept as points at
 * their rung (their value is the one they had when they were stopped, after fewer epochs).
 */

export type Mode = 'max' | 'min'

export interface HistoryEntry {
  id: string
  state: string
  /** When it finished (ms); null: not finished. */
  finishedAt: number | null
  /** Its objective value; null or NaN: none. */
  value: number | null
  /** The rung it was pruned at (pruned trials). */
  rung: number | null
}

export interface HistoryPoint {
  /** 1-based position among the finished trials. */
  n: number
  id: string
  state: string
  value: number
  /** The best completed value up to and including this point; null before the first. */
  best: number | null
  /** This point set a new best. */
  improved: boolean
  rung: number | null
}

/** Whether `a` is better than `b` for the objective's direction. */
export function better(a: number, b: number, mode: Mode): boolean {
  return mode === 'max' ? a > b : a < b
}

/** The history: completed and pruned trials with a value, by finishing time (then id). */
export function optimisationHistory(entries: readonly HistoryEntry[], mode: Mode): HistoryPoint[] {
  const done = entries
    .filter(
      (e) =>
        (e.state === 'completed' || e.state === 'pruned') &&
        e.value !== null &&
        Number.isFinite(e.value),
    )
    .sort(
      (a, b) =>
        (a.finishedAt ?? Infinity) - (b.finishedAt ?? Infinity) ||
        a.id.localeCompare(b.id, undefined, { numeric: true }),
    )
  let best: number | null = null
  return done.map((e, i) => {
    const v = e.value!
    const improved = e.state === 'completed' && (best === null || better(v, best, mode))
    if (improved) best = v
    return {
      n: i + 1,
      id: e.id,
      state: e.state,
      value: v,
      best,
      improved,
      rung: e.state === 'pruned' ? e.rung : null,
    }
  })
}

/** The epochs a trial has trained when it reaches ASHA rung r: gracePeriod · reductionFactor^r. */
export function rungEpochs(rung: number, gracePeriod: number, reductionFactor: number): number {
  return gracePeriod * Math.pow(reductionFactor, rung)
}

/** The best value of a series for the objective's direction (NaN when it has none). */
export function bestOf(values: ArrayLike<number>, mode: Mode): number {
  let best = NaN
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!Number.isFinite(v)) continue
    if (Number.isNaN(best) || better(v, best, mode)) best = v
  }
  return best
}
