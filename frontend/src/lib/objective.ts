/**
 * The objective a sweep optimises, read from its stored sweep file: `objective: {metric, mode}`,
 * or the first of `objectives` that is a training metric of the catalog (costs such as `macs`
 * are known before training and have no curve); validation accuracy to maximise by default.
 * A mode left out is the metric's own direction in the catalog.
 */
import type { Metric, Params } from '@/api/types'
import type { Mode } from './history'

export interface Objective {
  metric: string
  mode: Mode
}

const DEFAULT: Objective = { metric: 'val_accuracy', mode: 'max' }

function asObjective(v: unknown, catalog: readonly Metric[]): Objective | null {
  if (v === null || typeof v !== 'object') return null
  const o = v as Record<string, unknown>
  if (typeof o.metric !== 'string') return null
  const m = catalog.find((x) => x.name === o.metric)
  if (!m) return null
  const mode = o.mode === 'min' || o.mode === 'max' ? o.mode : m.direction === 'min' ? 'min' : 'max'
  return { metric: m.name, mode }
}

export function sweepObjective(spec: Params, catalog: readonly Metric[]): Objective {
  const single = asObjective(spec.objective, catalog)
  if (single) return single
  if (Array.isArray(spec.objectives))
    for (const o of spec.objectives) {
      const x = asObjective(o, catalog)
      if (x) return x
    }
  return DEFAULT
}
