/**
 * What a chart draws of one stored series, kept up to date in O(new points): the x of each point
 * on the chosen axis (step, epoch or wall time), its smoothed value, and its min/max buckets on
 * the chart's grid. A series that only grew is extended from where the view stopped; one changed
 * elsewhere (a history page merged in, a retry rewriting steps) is derived again. Pure, no Vue.
 */

export type XAxis = 'step' | 'epoch' | 'time'

/** The parts of a stored series a view reads (see stores/metrics.ts). */
export interface SeriesData {
  steps: ArrayLike<number>
  values: ArrayLike<number>
  /** The epoch each point was reported in (1-based; NaN when unknown). */
  epochs: ArrayLike<number>
  /** When each point was reported (ms; NaN when unknown). */
  times: ArrayLike<number>
  /** Bumped on any change that is not an append at the end. */
  resets: number
}

/**
 * The x of point i on the epoch axis: step / steps-per-epoch, the trial's steps per epoch being
 * the last step of its first epoch (known once a point of a later epoch is there; until then the
 * last step so far). Per-epoch metrics land on whole epochs, per-step ones between them.
 */
function stepsPerEpoch(s: SeriesData): { spe: number; final: boolean } {
  const e1 = s.epochs[0]!
  if (!(e1 > 0)) return { spe: NaN, final: true }
  for (let i = 1; i < s.steps.length; i++)
    if (s.epochs[i]! > e1) return { spe: s.steps[i - 1]! / e1 || NaN, final: true }
  return { spe: s.steps[s.steps.length - 1]! / e1 || NaN, final: false }
}

export class CurveView {
  /** x of each point (NaN: not drawable on this axis). */
  readonly xs: number[] = []
  /** The smoothed value of each point (the raw value when smoothing is 0). */
  readonly ys: number[] = []
  private resets = -1
  private last = 0
  private count = 0
  private spe = NaN
  private speFinal = false

  constructor(
    readonly axis: XAxis,
    /** EMA weight in [0, 1), as TensorBoard's slider. */
    readonly smoothing: number,
    /** The wall-time axis' origin (ms): the trial's start. */
    readonly t0: number,
  ) {}

  get length() {
    return this.xs.length
  }

  /**
   * Brings the view up to `s`; returns the index from which xs/ys changed (0 after a rebuild,
   * the old length after an append, the length when nothing changed).
   */
  update(s: SeriesData): number {
    let from = this.xs.length
    if (s.resets !== this.resets || s.steps.length < this.xs.length) from = 0
    if (this.axis === 'epoch' && !this.speFinal && s.steps.length > 0) {
      const { spe, final } = stepsPerEpoch(s)
      if (spe !== this.spe || final !== this.speFinal) from = 0
      this.spe = spe
      this.speFinal = final
    }
    if (from === 0) {
      this.xs.length = 0
      this.ys.length = 0
      this.last = 0
      this.count = 0
      this.resets = s.resets
    }
    const w = Math.min(Math.max(this.smoothing, 0), 0.999)
    for (let i = from; i < s.steps.length; i++) {
      this.xs.push(this.x(s, i))
      const v = s.values[i]!
      if (w <= 0 || !Number.isFinite(v)) {
        this.ys.push(v)
        continue
      }
      this.last = this.last * w + (1 - w) * v
      this.count++
      this.ys.push(this.last / (1 - Math.pow(w, this.count)))
    }
    return from
  }

  private x(s: SeriesData, i: number): number {
    switch (this.axis) {
      case 'step':
        return s.steps[i]!
      case 'epoch':
        return s.steps[i]! / this.spe
      case 'time':
        return (s.times[i]! - this.t0) / 1000
    }
  }
}

/**
 * Min/max buckets of one curve on a chart's grid ([x0, x1] cut into `count` columns, two slots
 * per column: the column's minimum and maximum in the order they occurred, so spikes survive).
 * Points are added one at a time (O(1) each); a column without a point holds `undefined`, which
 * uPlot skips (a `null` would be a gap, and its cursor would stop there).
 */
export class Buckets {
  readonly out: (number | undefined)[]
  private readonly minI: Int32Array
  private readonly maxI: Int32Array
  private readonly minV: Float64Array
  private readonly maxV: Float64Array

  constructor(
    readonly x0: number,
    readonly x1: number,
    readonly count: number,
  ) {
    this.out = new Array<number | undefined>(count * 2).fill(undefined)
    this.minI = new Int32Array(count).fill(-1)
    this.maxI = new Int32Array(count).fill(-1)
    this.minV = new Float64Array(count)
    this.maxV = new Float64Array(count)
  }

  /** Adds point i (x, y); points outside [x0, x1] or not finite are left out. */
  add(i: number, x: number, y: number) {
    if (!(x >= this.x0 && x <= this.x1) || !Number.isFinite(y)) return
    const span = this.x1 - this.x0 || 1
    const b = Math.min(this.count - 1, Math.floor(((x - this.x0) / span) * this.count))
    let changed = false
    if (this.minI[b]! < 0 || y < this.minV[b]!) {
      this.minI[b] = i
      this.minV[b] = y
      changed = true
    }
    if (this.maxI[b]! < 0 || y > this.maxV[b]!) {
      this.maxI[b] = i
      this.maxV[b] = y
      changed = true
    }
    if (!changed) return
    const minFirst = this.minI[b]! <= this.maxI[b]!
    this.out[2 * b] = minFirst ? this.minV[b] : this.maxV[b]
    this.out[2 * b + 1] = minFirst ? this.maxV[b] : this.minV[b]
  }

  /** Adds points [from, xs.length) of a curve. */
  addAll(xs: readonly number[], ys: readonly number[], from = 0) {
    for (let i = from; i < xs.length; i++) this.add(i, xs[i]!, ys[i]!)
  }
}
