import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import { api, ApiError } from '@/api/client'
import type { MetricPoint } from '@/api/types'

/**
 * Every point of one metric of one trial, in step order, each step once. As the server stores
 * them, a step holds the point of the newest attempt that reached it: a retried trial overwrites
 * the steps it runs again and keeps the older attempt's other points (a retry may resume from a
 * checkpoint).
 */
export interface Series {
  steps: number[]
  values: number[]
  /** The epoch each point was reported in (NaN when unknown). */
  epochs: number[]
  /** When each point was reported, ms (NaN when unknown). */
  times: number[]
  /** The attempt of each point. */
  attempts: number[]
  /** The newest attempt seen. */
  attempt: number
  /** Incremented on every change, so views can cache what they derive from the series. */
  rev: number
  /**
   * Incremented on every change other than points appended at the end (an insertion, a
   * replaced value, a merged history page): views extend what they derived on appends, in
   * O(new points), and derive it again after a reset.
   */
  resets: number
}

/** A metric point with a value (the series hold only those). */
export type ValuedPoint = MetricPoint & { value: number }

/** name -> series, for one trial. */
export type TrialSeries = Map<string, Series>

export function emptySeries(): Series {
  return {
    steps: [],
    values: [],
    epochs: [],
    times: [],
    attempts: [],
    attempt: 0,
    rev: 0,
    resets: 0,
  }
}

const timeOf = (p: MetricPoint) => p.time ?? NaN

/** Inserts or replaces one point; returns whether anything changed. */
export function upsertPoint(series: Series, p: ValuedPoint): boolean {
  const { steps, values, epochs, times, attempts } = series
  series.attempt = Math.max(series.attempt, p.attempt)
  const n = steps.length
  if (n === 0 || p.step > steps[n - 1]!) {
    steps.push(p.step)
    values.push(p.value)
    epochs.push(p.epoch)
    times.push(timeOf(p))
    attempts.push(p.attempt)
    return true
  }
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (steps[mid]! < p.step) lo = mid + 1
    else hi = mid
  }
  if (steps[lo] === p.step) {
    if (p.attempt < attempts[lo]!) return false
    if (values[lo] === p.value && attempts[lo] === p.attempt) return false
    series.resets++
    values[lo] = p.value
    epochs[lo] = p.epoch
    times[lo] = timeOf(p)
    attempts[lo] = p.attempt
    return true
  }
  series.resets++
  steps.splice(lo, 0, p.step)
  values.splice(lo, 0, p.value)
  epochs.splice(lo, 0, p.epoch)
  times.splice(lo, 0, timeOf(p))
  attempts.splice(lo, 0, p.attempt)
  return true
}

/**
 * Applies many points to one series: a few are inserted one by one, a long run (a history page
 * arriving after live points) is merged in one pass instead of one splice per point. Same
 * result as {@link upsertPoint} point by point; returns whether anything changed.
 */
export function upsertPoints(series: Series, points: readonly ValuedPoint[]): boolean {
  if (points.length < 64) {
    let changed = false
    for (const p of points) changed = upsertPoint(series, p) || changed
    return changed
  }
  // per step, the point of the newest attempt (of equal attempts, the later one)
  const incoming = new Map<number, ValuedPoint>()
  for (const p of points) {
    const q = incoming.get(p.step)
    if (!q || p.attempt >= q.attempt) incoming.set(p.step, p)
    series.attempt = Math.max(series.attempt, p.attempt)
  }
  const steps = [...incoming.keys()].sort((a, b) => a - b)
  const { steps: os, values: ov, epochs: oe, times: ot, attempts: oa } = series
  if (os.length === 0 || steps[0]! > os[os.length - 1]!) {
    // all after the last point: appended (views extend, no reset)
    for (const step of steps) {
      const p = incoming.get(step)!
      os.push(step)
      ov.push(p.value)
      oe.push(p.epoch)
      ot.push(timeOf(p))
      oa.push(p.attempt)
    }
    return steps.length > 0
  }
  const outS: number[] = []
  const outV: number[] = []
  const outE: number[] = []
  const outT: number[] = []
  const outA: number[] = []
  let i = 0
  let j = 0
  let changed = false
  const take = (k: number) => {
    outS.push(os[k]!)
    outV.push(ov[k]!)
    outE.push(oe[k]!)
    outT.push(ot[k]!)
    outA.push(oa[k]!)
  }
  const put = (p: ValuedPoint) => {
    outS.push(p.step)
    outV.push(p.value)
    outE.push(p.epoch)
    outT.push(timeOf(p))
    outA.push(p.attempt)
  }
  while (i < os.length || j < steps.length) {
    if (j >= steps.length || (i < os.length && os[i]! < steps[j]!)) {
      take(i++)
      continue
    }
    const p = incoming.get(steps[j++]!)!
    if (i < os.length && os[i] === p.step) {
      const keepOld = p.attempt < oa[i]!
      if (!keepOld && (ov[i] !== p.value || oa[i] !== p.attempt)) changed = true
      if (keepOld) take(i)
      else put(p)
      i++
    } else {
      changed = true
      put(p)
    }
  }
  series.steps = outS
  series.values = outV
  series.epochs = outE
  series.times = outT
  series.attempts = outA
  if (changed) series.resets++
  return changed
}

/**
 * The full metric history of every trial the page has seen. The arrays are kept out of Vue's
 * reactivity (hundreds of thousands of numbers); `revision` and `changed` tell charts what to
 * redraw.
 */
/**
 * A store's lookup handed out as a plain function. Pinia wraps every function a setup store
 * returns as an action (an argument array, two sets and the action subscribers, per call): too
 * dear for the lookups a chart makes for each of 500 curves at every redraw (0.3 s of 10 s of
 * streaming, bench/dashboard). A function returned through a computed is handed out as it is.
 */
function plain<F extends (...args: never[]) => unknown>(f: F) {
  return computed(() => f)
}

export const useMetricsStore = defineStore('metrics', () => {
  const byTrial = markRaw(new Map<string, TrialSeries>())
  /** Bumped once per ingested batch that changed anything. */
  const revision = ref(0)
  /** Trials changed by the last ingest (for incremental redraws). */
  const changed = ref<ReadonlySet<string>>(new Set())
  /**
   * Per metric, bumped whenever its points change (a panel of another metric does not redraw);
   * `cleared` counts clears. Not reactive: read them when `revision` moves.
   */
  const metricRevs = markRaw(new Map<string, number>())
  let cleared = 0
  /** Metric names seen, in first-seen order. */
  const names = ref<string[]>([])
  const loaded = markRaw(new Set<string>())

  /** Whether a trial's full history (every point, with epochs and times) was loaded. */
  function hasHistory(trialId: string): boolean {
    return loaded.has(trialId)
  }

  /**
   * Stores points; a point without a value (a step that diverged) is not drawn, so its curve
   * shows a gap there.
   */
  function ingest(points: readonly MetricPoint[]): number {
    const touched = new Set<string>()
    const newNames: string[] = []
    const groups = new Map<Series, { trial: string; points: ValuedPoint[] }>()
    for (const p of points) {
      if (p.value === null) continue
      let trial = byTrial.get(p.trial)
      if (!trial) {
        trial = new Map()
        byTrial.set(p.trial, trial)
      }
      let s = trial.get(p.name)
      if (!s) {
        s = emptySeries()
        trial.set(p.name, s)
        if (!names.value.includes(p.name) && !newNames.includes(p.name)) newNames.push(p.name)
      }
      let g = groups.get(s)
      if (!g) groups.set(s, (g = { trial: p.trial, points: [] }))
      g.points.push(p as ValuedPoint)
    }
    const changedHere = new Set<string>()
    for (const [s, g] of groups) {
      if (upsertPoints(s, g.points)) {
        s.rev++
        touched.add(g.trial)
        changedHere.add(g.points[0]!.name)
      }
    }
    return publish(touched, changedHere, newNames)
  }

  /** Tells the charts what changed: the trials touched, the metrics changed, new metric names. */
  function publish(touched: Set<string>, metricsChanged: Set<string>, newNames: string[]) {
    if (newNames.length) names.value = [...names.value, ...newNames]
    if (touched.size) {
      changed.value = touched
      for (const n of metricsChanged) metricRevs.set(n, (metricRevs.get(n) ?? 0) + 1)
      revision.value++
    }
    return touched.size
  }

  /**
   * Stores one metric's bulk curves (columnar, steps ascending, values finite, attempt 0): a
   * series the page has no points of yet takes the arrays as they are, without a point object
   * each (10,000 trials' curves are 320,000 points); any other is merged point by point as
   * {@link ingest} does. Returns how many trials changed.
   */
  function ingestCurves(
    metric: string,
    curves: readonly { trial: string; steps: readonly number[]; values: readonly number[] }[],
  ): number {
    const touched = new Set<string>()
    const newNames: string[] = []
    const merge: MetricPoint[] = []
    for (const c of curves) {
      if (c.steps.length === 0) continue
      let trial = byTrial.get(c.trial)
      if (!trial) byTrial.set(c.trial, (trial = new Map()))
      let s = trial.get(metric)
      if (!s) {
        trial.set(metric, (s = emptySeries()))
        if (!names.value.includes(metric) && !newNames.includes(metric)) newNames.push(metric)
      }
      if (s.steps.length > 0) {
        for (let i = 0; i < c.steps.length; i++)
          merge.push({
            trial: c.trial,
            name: metric,
            step: c.steps[i]!,
            epoch: NaN,
            value: c.values[i]!,
            attempt: 0,
            time: null,
          })
        continue
      }
      const n = c.steps.length
      s.steps = c.steps.slice()
      s.values = c.values.slice()
      s.epochs = new Array<number>(n).fill(NaN)
      s.times = new Array<number>(n).fill(NaN)
      s.attempts = new Array<number>(n).fill(0)
      s.rev++
      touched.add(c.trial)
    }
    const merged = merge.length ? ingest(merge) : 0
    publish(touched, new Set(touched.size ? [metric] : []), newNames)
    return touched.size + merged
  }

  function series(trialId: string, name: string): Series | undefined {
    return byTrial.get(trialId)?.get(name)
  }

  function trialIds(): string[] {
    return [...byTrial.keys()]
  }

  /** Metrics whose curves of the current sweep were loaded in bulk (or asked for). */
  const bulk = markRaw(new Map<string, Promise<void>>())

  /**
   * Loads one metric of a sweep's trials in one request (`GET /api/sweeps/{id}/curves`),
   * downsampled on the server to about `points` buckets per trial. Its points carry attempt 0,
   * so a full-resolution point of the same step (the stream's, a trial's own history) wins over
   * them. A server without the bulk endpoint is read trial by trial instead.
   */
  function loadCurves(
    sweepId: string,
    metric: string,
    trialIds: () => readonly string[] | Promise<readonly string[]>,
    points = 1000,
  ): Promise<void> {
    const known = bulk.get(metric)
    if (known) return known
    const p = api
      .curves(sweepId, metric, points)
      .then((set) => void ingestCurves(set.metric, set.curves))
      .catch((e: unknown) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405))
          return Promise.resolve(trialIds()).then((ids) => loadHistory(ids))
        bulk.delete(metric)
        throw e
      })
    bulk.set(metric, p)
    return p
  }

  /** Loads the stored history of trials not loaded yet, a few requests at a time. */
  async function loadHistory(
    trialIds: readonly string[],
    concurrency = 6,
    force = false,
  ): Promise<void> {
    const todo = force ? [...trialIds] : trialIds.filter((t) => !loaded.has(t))
    let next = 0
    const worker = async () => {
      while (next < todo.length) {
        const id = todo[next++]!
        const points = await api.metrics(id)
        loaded.add(id)
        ingest(points)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker))
  }

  function clear() {
    byTrial.clear()
    loaded.clear()
    bulk.clear()
    names.value = []
    changed.value = new Set()
    cleared++
    revision.value++
  }

  /**
   * Loads again what the page had (after the stream could not resume): every metric it loaded in
   * bulk, and the full history of the trials it had read one by one.
   */
  async function reload(sweepId: string, trialIds: readonly string[]): Promise<void> {
    const metrics = [...bulk.keys()]
    const full = trialIds.filter((t) => loaded.has(t))
    bulk.clear()
    await Promise.all([
      ...metrics.map((m) => loadCurves(sweepId, m, () => trialIds)),
      loadHistory(full.length || metrics.length ? full : trialIds, 6, true),
    ])
  }

  return {
    revision,
    changed,
    /** A version of metric `name`'s points: it changes whenever any of them changes. */
    metricRevision: plain((name: string) => `${cleared}:${metricRevs.get(name) ?? 0}`),
    names,
    ingest,
    ingestCurves,
    series: plain(series),
    trialIds: plain(trialIds),
    loadHistory,
    loadCurves,
    reload,
    hasHistory,
    clear,
  }
})
