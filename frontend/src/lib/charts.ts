/**
 * Which metrics the sweep page charts, from the metric catalog (`/api/metrics`). It opens with the
 * main head's training loss beside the validation accuracy; every other metric of the catalog
 * (the aux heads' loss, the optimised total, the learning rate, ...) is a choice for either chart,
 * and neither chart changes its metric by itself.
 */
import type { Metric } from '@/api/types'

/** The metrics the two charts open with (names of INTERFACE.md). */
export const DEFAULT_CHARTS = ['train_loss', 'val_accuracy'] as const

export interface ChartChoice {
  name: string
  label: string
}

/**
 * The two opening charts: {@link DEFAULT_CHARTS} where the catalog has them, else its first
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

/** Every metric a chart may show: the catalog's, in its order, then any others the trials report. */
export function chartChoices(
  catalog: readonly Metric[],
  reported: readonly string[],
): ChartChoice[] {
  const out: ChartChoice[] = catalog.map((m) => ({ name: m.name, label: m.label }))
  for (const n of reported) if (!out.some((c) => c.name === n)) out.push({ name: n, label: n })
  return out
}
