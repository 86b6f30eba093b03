/**
 * The configuration table of the compare view: one row per parameter any compared trial has (and
 * the sweep it belongs to), one column per trial, each row marked when its values differ.
 */
import type { Trial } from '@/api/types'
import { paramValue } from './format'

export interface ConfigRow {
  name: string
  kind: 'sweep' | 'param'
  /** One value per trial, as shown ("–" where a trial lacks the parameter). */
  values: string[]
  differs: boolean
}

export function configRows(
  trials: readonly Trial[],
  sweepName: (id: string) => string,
): ConfigRow[] {
  const names: string[] = []
  for (const t of trials)
    for (const k of Object.keys(t.params)) if (!names.includes(k)) names.push(k)
  names.sort()
  const row = (name: string, kind: ConfigRow['kind'], values: string[]): ConfigRow => ({
    name,
    kind,
    values,
    differs: new Set(values).size > 1,
  })
  return [
    row(
      'sweep',
      'sweep',
      trials.map((t) => sweepName(t.sweep)),
    ),
    ...names.map((n) =>
      row(
        n,
        'param',
        trials.map((t) => paramValue(t.params[n])),
      ),
    ),
  ]
}
