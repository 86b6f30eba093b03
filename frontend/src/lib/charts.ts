/**
 * Which metrics the sweep page charts, from the metric catalog (`/api/metrics`), and the x axes a
 * chart can use. The page opens with a grid of panels: the main head's training loss, the
 * validation accuracy, the aux heads' loss when a trial reports it, and the learning rate; every
 * other metric of the catalog is a panel the user can add, and no panel changes its metric by
 * itself.
 */
import type { Metric, Trial } from '@/api/types'
import type { XAxis } from './curveView'
import { duration, fixed } from './format'

/** The metrics the panels open with (names of the public metric table), in this order. */
export const DEFAULT_PANELS = ['train_loss', 'val_accuracy', 'aux_loss', 'lr'] as const
/** Opening panels shown only once a trial has reported the metric. */
export const WHEN_REPORTED: readonly string[] = ['aux_loss']

/** The two first panels (kept for callers of the two-chart page). */
export const DEFAULT_CHARTS = ['train_loss', 'val_accuracy'] as const

export interface ChartChoice {
  name: string
  label: string
}

/**
 * The two first panels: {@link DEFAULT_CHARTS} where the catalog has them, else its first
 * per-step metric to minimise and its first per-epoch metric to maximise.
 */
export function defaultCharts(catalog: readonly Metric[]): [string, string] {
  const has = (n: string) => catalog.some((m) => m.name === n)
  const [left, right] = DEFAULT_CHARTS
  const firstOf = (per: Metric['per'], direction: Metric['direction'], fallback: string) =>
    catalog.find((m) => m.per === per && m.direction === direction)?.name ?? fallback
  return [
    has(left) ? left : firstOf('step', 'min', left),
    has(right) ? right : firstOf('epoch', 'max', right),
  ]
}

/**
 * The opening panels: the two of {@link defaultCharts}, then the others of
 * {@link DEFAULT_PANELS} the catalog has; those of {@link WHEN_REPORTED} only when `reported`
 * (the metrics some trial has points of) holds them.
 */
export function defaultPanels(catalog: readonly Metric[], reported: readonly string[]): string[] {
  const out: string[] = [...defaultCharts(catalog)]
  for (const n of DEFAULT_PANELS) {
    if (out.includes(n) || !catalog.some((m) => m.name === n)) continue
    if (WHEN_REPORTED.includes(n) && !reported.includes(n)) continue
    out.push(n)
  }
  return out
}

/** Every metric a chart may show: the catalog's, in its order, then any others the trials report. */
export function chartChoices(
  catalog: readonly Metric[],
  reported: readonly string[],
): ChartChoice[] {
  const out: ChartChoice[] = catalog.map((m) => ({ name: m.name, label: m.label }))
  for (const n of reported) if (!out.some((c) => c.name === n)) out.push({ name: n, label: n })
  return out
}

/** The x axes of a chart: training step, epoch (fractional between epochs), wall time since the trial started. */
export const X_AXES: readonly { axis: XAxis; label: string }[] = [
  { axis: 'step', label: 'step' },
  { axis: 'epoch', label: 'epoch' },
  { axis: 'time', label: 'wall time' },
]

/** A value of the x axis as a label: steps whole, epochs with decimals, wall time as a duration. */
export function formatAxisX(v: number, axis: XAxis, detail: 'short' | 'full' = 'short'): string {
  switch (axis) {
    case 'step':
      return String(Math.round(v))
    case 'epoch':
      return fixed(v, detail === 'full' ? 4 : 3)
    case 'time':
      return detail === 'full' && v < 60 ? `${fixed(v, 3)}s` : duration(v)
  }
}

/** The origin of a trial's wall-time axis: when its first attempt started (ms). */
export function trialOrigin(t: Trial): number {
  return t.attempts[0]?.startedAt ?? t.startedAt ?? t.createdAt ?? 0
}
