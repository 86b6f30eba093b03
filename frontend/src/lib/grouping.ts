/**
 * Group-by for curves: trials that share a parameter's value form a group, and a group's curve is
 * the mean of its members with a spread (min–max or standard deviation) around it, the way W&B
 * and TensorBoard read "naive vs reduced" over seeds. Pure functions, no Vue.
 */
import type { Params } from '@/api/types'

export type Spread = 'minmax' | 'std'

export interface Group<T> {
  /** A stable key of the shared value (its JSON). */
  key: string
  /** The value as shown. */
  value: unknown
  members: T[]
}

/** A curve: ascending x and its values (NaN: no value). */
export interface Curve {
  xs: ArrayLike<number>
  ys: ArrayLike<number>
}

export interface Stats {
  mean: number
  lo: number
  hi: number
  /** How many members have a value there. */
  n: number
}

export interface GroupCurve {
  xs: number[]
  mean: number[]
  lo: number[]
  hi: number[]
  n: number[]
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1
  if (b === undefined || b === null) return -1
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/** Trials grouped by the value of `param` (a trial without it forms the group of "unset"), ordered by value. */
export function groupBy<T extends { params: Params }>(
  trials: readonly T[],
  param: string,
): Group<T>[] {
  const groups = new Map<string, Group<T>>()
  for (const t of trials) {
    const value = t.params[param]
    const key = JSON.stringify(value ?? null)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { key, value, members: [] }))
    g.members.push(t)
  }
  return [...groups.values()].sort((a, b) => compareValues(a.value, b.value))
}

/** Mean and spread of some values; NaNs are left out (n counts the others). */
export function stats(values: readonly number[], spread: Spread): Stats {
  let n = 0
  let sum = 0
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    n++
    sum += v
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0 }
  const mean = sum / n
  if (spread === 'minmax') return { mean, lo, hi, n }
  let sq = 0
  for (const v of values) if (Number.isFinite(v)) sq += (v - mean) * (v - mean)
  // the population standard deviation (numpy's default, ddof = 0)
  const sd = Math.sqrt(sq / n)
  return { mean, lo: mean - sd, hi: mean + sd, n }
}

/**
 * A curve's value at x: its own point where it has one, else the straight line between its two
 * neighbours; NaN outside its range (a member that has not got there yet does not count).
 */
export function valueAt(c: Curve, x: number): number {
  const { xs, ys } = c
  const n = xs.length
  if (n === 0 || x < xs[0]! || x > xs[n - 1]!) return NaN
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  if (xs[lo] === x) return ys[lo]!
  const x0 = xs[lo - 1]!
  const x1 = xs[lo]!
  const t = (x - x0) / (x1 - x0)
  return ys[lo - 1]! + t * (ys[lo]! - ys[lo - 1]!)
}

/** The sorted union of the curves' x values (each once). */
export function unionXs(curves: readonly Curve[]): number[] {
  const all: number[] = []
  for (const c of curves) for (let i = 0; i < c.xs.length; i++) all.push(c.xs[i]!)
  all.sort((a, b) => a - b)
  const out: number[] = []
  for (const x of all) if (out.length === 0 || out[out.length - 1] !== x) out.push(x)
  return out
}

/**
 * A group's curve on the union of its members' x values: at every x, the mean and spread of the
 * members that reach it ({@link valueAt}). Each member is walked once (O(total points · log)).
 */
export function aggregate(
  curves: readonly Curve[],
  spread: Spread,
  at?: readonly number[],
): GroupCurve {
  const xs = at ? [...at] : unionXs(curves)
  const out: GroupCurve = { xs, mean: [], lo: [], hi: [], n: [] }
  const column = new Array<number>(curves.length)
  for (const x of xs) {
    for (let k = 0; k < curves.length; k++) column[k] = valueAt(curves[k]!, x)
    const s = stats(column, spread)
    out.mean.push(s.mean)
    out.lo.push(s.lo)
    out.hi.push(s.hi)
    out.n.push(s.n)
  }
  return out
}

/** One group of the results table: its value, its size and each outcome's mean and spread. */
export interface GroupSummary<K extends string> {
  key: string
  value: unknown
  size: number
  stats: Record<K, Stats>
}

/**
 * The results table grouped by a parameter: for every group and outcome, the mean and spread
 * over the members that have a value (failed or pruned trials without one are left out of that
 * outcome, and `n` says how many counted).
 */
export function summarize<T extends { params: Params }, K extends string>(
  rows: readonly T[],
  param: string,
  outcomes: Record<K, (r: T) => number | null>,
  spread: Spread,
): GroupSummary<K>[] {
  return groupBy(rows, param).map((g) => {
    const s = {} as Record<K, Stats>
    for (const k of Object.keys(outcomes) as K[]) {
      s[k] = stats(
        g.members.map((r) => outcomes[k](r) ?? NaN),
        spread,
      )
    }
    return { key: g.key, value: g.value, size: g.members.length, stats: s }
  })
}
