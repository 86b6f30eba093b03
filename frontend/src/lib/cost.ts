/**
 * Training cost of a sweep before launch: the MACs of every trial's training, from the models
 * API's inference MACs. Per trial: epochs × (3 × (macs + auxMacs) × trainImages + macs × valImages)
 * — a training step costs about three forward passes (forward, and backward to activations and to
 * weights); validation is forward only.
 *
 * Every fact comes from the server's catalogs: the dataset's shape, classes and training-split
 * size from `/api/datasets`; what a trial leaves unset, and which models take `block` and
 * `auxWeight`, from `/api/parameters`. Nothing is known of an `imagefolder:` dataset before it is
 * loaded, so its cost stays unknown.
 */
import type { Dataset, ModelCost, ModelQuery } from '@/api/types'
import { combinations, type ParameterCatalog, type Scalar, type SweepForm } from './sweepSpec'

/** The catalogs a cost estimate reads (the catalog store is one). */
export interface CostCatalog extends ParameterCatalog {
  dataset(name: string): Dataset | undefined
}

/** The trial parameters that change a trial's network, and so its MACs per image. */
const COST_PARAMS = ['model', 'block', 'stem', 'width', 'auxWeight', 'imageSize']
/** The trial parameters that change how many images a trial trains and validates on. */
const VOLUME_PARAMS = ['epochs', 'limitTrain', 'validationFraction']

/** One distinct model configuration of the sweep and how many trials use it. */
export interface CostGroup {
  model: string
  query: ModelQuery
  trials: number
  epochs: number | null
  trainImages: number | null
  valImages: number | null
}

function num(v: Scalar | null | undefined): number | null {
  return typeof v === 'number' ? v : null
}

/**
 * Groups the sweep's trials by what decides their cost. Images: the training split (its first
 * `limitTrain` images when set), of which `validationFraction` is held out for validation.
 */
export function costGroups(f: SweepForm, catalog: CostCatalog): CostGroup[] {
  const combos = combinations(f, [...COST_PARAMS, ...VOLUME_PARAMS], catalog).filter(
    (c) => c.trials > 0,
  )
  if (combos.length === 0) return []
  const ds = catalog.dataset(f.dataset) ?? null
  const groups = new Map<string, CostGroup>()
  for (const { values: c, trials } of combos) {
    const v = (k: string): Scalar | null => c[k] ?? catalog.parameter(k)?.default ?? null
    const model = v('model')
    if (model === null) return []
    const name = String(model)
    const takes = (k: string) => {
      const models = catalog.parameter(k)?.models
      return models !== undefined && (models === null || models.includes(name))
    }
    const size = num(v('imageSize')) ?? 0
    const input = ds ? (size > 0 ? [ds.shape[0], size, size] : ds.shape) : null
    const width = num(v('width'))
    const stem = v('stem')
    const query: ModelQuery = {
      input: input ? input.join('x') : undefined,
      classes: ds?.classes,
      width: width ?? undefined,
      stem: stem === null ? undefined : String(stem),
      block: takes('block') && v('block') !== null ? String(v('block')) : undefined,
      aux: takes('auxWeight') && (num(v('auxWeight')) ?? 0) > 0,
    }
    const limit = num(v('limitTrain')) ?? 0
    const vf = num(v('validationFraction'))
    const all = ds ? (limit > 0 ? Math.min(limit, ds.train) : ds.train) : null
    const valImages = all === null || vf === null ? null : Math.round(all * vf)
    const trainImages = all === null || valImages === null ? null : all - valImages
    const epochs = num(v('epochs'))
    const k = JSON.stringify([name, query, epochs, trainImages, valImages])
    const g = groups.get(k)
    if (g) g.trials += trials
    else groups.set(k, { model: name, query, trials, epochs, trainImages, valImages })
  }
  return [...groups.values()]
}

/** MACs of one trial's training (null when the dataset size or the epochs are unknown). */
export function trialTrainingMacs(g: CostGroup, cost: ModelCost): number | null {
  if (g.trainImages === null || g.valImages === null || g.epochs === null) return null
  return g.epochs * (3 * (cost.macs + cost.auxMacs) * g.trainImages + cost.macs * g.valImages)
}

/** Total training MACs over all groups; null if any group's cost or size is unknown. */
export function totalTrainingMacs(
  groups: readonly CostGroup[],
  costOf: (g: CostGroup) => ModelCost | undefined,
): number | null {
  if (groups.length === 0) return null
  let total = 0
  for (const g of groups) {
    const c = costOf(g)
    if (!c) return null
    const t = trialTrainingMacs(g, c)
    if (t === null) return null
    total += t * g.trials
  }
  return total
}
