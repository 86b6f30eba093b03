/**
 * Training cost of a sweep before launch: the MACs of every trial's training, from the models
 * API's inference MACs. Per trial: epochs × (3 × (macs + auxMacs) × trainImages + macs × valImages)
 * — a training step costs about three forward passes (forward, and backward to activations and to
 * weights); validation is forward only.
 */
import type { ModelCost, ModelQuery } from '@/api/types'
import { combinations, trialCount, type Scalar, type SweepForm } from './sweepSpec'

/** Input shape, classes and training-set size of the built-in datasets (null: not known here). */
export const DATASET_INFO: Record<
  string,
  { input: [number, number, number]; classes: number; images: number | null }
> = {
  'fashion-mnist': { input: [1, 28, 28], classes: 10, images: 60000 },
  cifar10: { input: [3, 32, 32], classes: 10, images: 50000 },
  'synthetic-shapes': { input: [3, 32, 32], classes: 10, images: null },
}

const COST_PARAMS = ['model', 'block', 'stem', 'width', 'auxWeight', 'imageSize']
const VOLUME_PARAMS = ['epochs', 'limitTrain', 'validationFraction']
const DEFAULTS: Record<string, Scalar> = {
  model: 'googlenet',
  block: 'reduced',
  stem: 'small',
  width: 0.25,
  auxWeight: 0.3,
  imageSize: 0,
  epochs: 3,
  limitTrain: 0,
  validationFraction: 0.1,
}

/** One distinct model configuration of the sweep and how many trials use it. */
export interface CostGroup {
  model: string
  query: ModelQuery
  trials: number
  epochs: number
  trainImages: number | null
  valImages: number | null
}

function n(v: Scalar | undefined, d: number): number {
  return typeof v === 'number' ? v : d
}

/** Groups the sweep's trials by what decides their cost. */
export function costGroups(f: SweepForm): CostGroup[] {
  const total = trialCount(f).count
  const combos = combinations(f, [...COST_PARAMS, ...VOLUME_PARAMS])
  if (combos.length === 0 || total === 0) return []
  const perCombo = total / combos.length
  const ds = DATASET_INFO[f.dataset] ?? null
  const groups = new Map<string, CostGroup>()
  for (const c of combos) {
    const v = (k: string) => c[k] ?? DEFAULTS[k]
    const model = String(v('model'))
    const size = n(v('imageSize'), 0)
    const input = ds ? (size > 0 ? [ds.input[0], size, size] : ds.input) : null
    const query: ModelQuery = {
      input: input ? input.join('x') : undefined,
      classes: ds?.classes,
      width: n(v('width'), 0.25),
      stem: String(v('stem')),
      block: model.startsWith('googlenet') ? String(v('block')) : undefined,
      aux: n(v('auxWeight'), 0.3) > 0,
    }
    const limit = n(v('limitTrain'), 0)
    const vf = n(v('validationFraction'), 0.1)
    const all = limit > 0 ? limit / (1 - vf) : (ds?.images ?? null)
    const trainImages = all === null ? null : Math.round(all * (1 - vf))
    const valImages = all === null ? null : Math.round(all * vf)
    const epochs = n(v('epochs'), 3)
    const k = JSON.stringify([model, query, epochs, trainImages, valImages])
    const g = groups.get(k)
    if (g) g.trials += perCombo
    else groups.set(k, { model, query, trials: perCombo, epochs, trainImages, valImages })
  }
  return [...groups.values()]
}

/** MACs of one trial's training (null when the dataset size is unknown). */
export function trialTrainingMacs(g: CostGroup, cost: ModelCost): number | null {
  if (g.trainImages === null || g.valImages === null) return null
  return g.epochs * (3 * (cost.macs + cost.auxMacs) * g.trainImages + cost.macs * g.valImages)
}

/** Total training MACs over all groups; null if any group's cost or size is unknown. */
export function totalTrainingMacs(
  groups: readonly CostGroup[],
  costOf: (g: CostGroup) => ModelCost | undefined,
): number | null {
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
