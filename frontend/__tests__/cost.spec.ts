import { describe, expect, it } from 'vitest'
import { costGroups, totalTrainingMacs, trialTrainingMacs, type CostCatalog } from '@/lib/cost'
import { yamlToForm } from '@/lib/sweepSpec'
import { toModelCost } from '@/api/wire'
import type { Dataset, Parameter } from '@/api/types'
import { DATASETS, PARAMETERS, wireModelCost } from './fixtures'

/** The catalogs as `/api/parameters` and `/api/datasets` serve them. */
function catalogOf(parameters: Parameter[], datasets: Dataset[]): CostCatalog {
  return {
    parameter: (n) => parameters.find((p) => p.name === n),
    dataset: (n) => datasets.find((d) => d.name === n),
  }
}
const served = catalogOf(PARAMETERS, DATASETS)

describe('training cost before launch, from the served catalogs', () => {
  // width, stem, validationFraction and imageSize are not set: the served defaults apply
  const form = yamlToForm(`name: c
dataset: synthetic-shapes
method: grid
parameters:
  model: [googlenet]
  block: [naive, reduced]
  auxWeight: [0.0, 0.3]
  labelSmoothing: [0.0, 0.1]
  epochs: 2
`)

  it('asks the models API at the served dataset’s shape and classes (synthetic-shapes: 1×28×28, 6)', () => {
    const groups = costGroups(form, served)
    // labelSmoothing does not change the cost: 4 configurations of 2 trials each
    expect(groups).toHaveLength(4)
    for (const g of groups) {
      expect(g.trials).toBe(2)
      // served defaults: width 0.25, stem small
      expect(g.query).toMatchObject({ input: '1x28x28', classes: 6, width: 0.25, stem: 'small' })
      // 6000 training-split images, a served validationFraction of 0.1 held out: 600 and 5400
      expect(g.valImages).toBe(600)
      expect(g.trainImages).toBe(5400)
      expect(g.epochs).toBe(2)
    }
    expect(groups.map((g) => [g.query.block, g.query.aux])).toEqual([
      ['naive', false],
      ['naive', true],
      ['reduced', false],
      ['reduced', true],
    ])
  })

  it('totals epochs × (3 × (macs + auxMacs) × train + macs × val) over trials', () => {
    const groups = costGroups(form, served)
    const cost = toModelCost(wireModelCost(1000, 10))
    // by hand: 2 × (3 × 1010 × 5400 + 1000 × 600) = 2 × (16,362,000 + 600,000) = 33,924,000
    expect(trialTrainingMacs(groups[1]!, cost)).toBe(33_924_000)
    // 8 trials of it
    expect(totalTrainingMacs(groups, () => cost)).toBe(271_392_000)
    expect(totalTrainingMacs(groups, () => undefined)).toBeNull()
  })

  it('takes the trial’s first limitTrain images, and holds validation out of them', () => {
    const f = yamlToForm(`dataset: fashion-mnist
parameters: {model: googlenet, limitTrain: 900, validationFraction: 0.2, epochs: 1}
`)
    const [g] = costGroups(f, served)
    expect(g!.query).toMatchObject({ input: '1x28x28', classes: 10 })
    // 900 of fashion-mnist's 60000: 180 validation, 720 training
    expect([g!.trainImages, g!.valImages]).toEqual([720, 180])
    // by hand: 1 × (3 × 500 × 720 + 500 × 180) = 1,080,000 + 90,000
    expect(trialTrainingMacs(g!, toModelCost(wireModelCost(500)))).toBe(1_170_000)
  })

  it('uses the served defaults, not its own', () => {
    const other = catalogOf(
      PARAMETERS.map((p) =>
        p.name === 'width'
          ? { ...p, default: 0.5 }
          : p.name === 'epochs'
            ? { ...p, default: 7 }
            : p.name === 'stem'
              ? { ...p, default: 'imagenet' }
              : p,
      ),
      DATASETS,
    )
    const [g] = costGroups(yamlToForm('dataset: cifar10\nparameters: {model: googlenet}\n'), other)
    expect(g!.query).toMatchObject({ input: '3x32x32', classes: 10, width: 0.5, stem: 'imagenet' })
    expect(g!.epochs).toBe(7)
    // cifar10's 50000 less the served 10% for validation
    expect(g!.trainImages).toBe(45000)
  })

  it('sends block and aux only for the models the served parameters say take them', () => {
    const f = yamlToForm(`dataset: synthetic-shapes
parameters: {model: [googlenet, bn-inception], block: naive, auxWeight: 0.3}
`)
    const groups = costGroups(f, served)
    expect(groups.map((g) => [g.model, g.query.block, g.query.aux])).toEqual([
      ['googlenet', 'naive', true],
      ['bn-inception', undefined, false],
    ])
  })

  it('counts each configuration with its trials when a model leaves parameters out', () => {
    const f = yamlToForm(`dataset: synthetic-shapes
parameters:
  model: [googlenet-tv, bn-inception]
  block: [naive, naive-projected, reduced]
  auxWeight: [0, 0.3]
  labelSmoothing: [0, 0.1]
`)
    const groups = costGroups(f, served)
    // googlenet-tv: 3 blocks × 2 aux weights, 2 smoothings each; bn-inception: its 2 trials
    expect(groups.map((g) => [g.model, g.query.block, g.query.aux, g.trials])).toEqual([
      ['googlenet-tv', 'naive', false, 2],
      ['googlenet-tv', 'naive', true, 2],
      ['googlenet-tv', 'naive-projected', false, 2],
      ['googlenet-tv', 'naive-projected', true, 2],
      ['googlenet-tv', 'reduced', false, 2],
      ['googlenet-tv', 'reduced', true, 2],
      ['bn-inception', undefined, false, 2],
    ])
    // random search: each draw takes a model first, so half of them are bn-inception's
    f.method = 'random'
    f.maxTrials = 12
    expect(costGroups(f, served).map((g) => g.trials)).toEqual([1, 1, 1, 1, 1, 1, 6])
  })

  it('resizes to imageSize, and knows nothing of an image folder before it is loaded', () => {
    const resized = costGroups(
      yamlToForm('dataset: cifar10\nparameters: {model: googlenet, imageSize: 64}\n'),
      served,
    )
    expect(resized[0]!.query.input).toBe('3x64x64')
    const [g] = costGroups(
      yamlToForm('dataset: imagefolder:/data/pets\nparameters: {model: googlenet}\n'),
      served,
    )
    expect(g!.query.input).toBeUndefined()
    expect(g!.trainImages).toBeNull()
    expect(trialTrainingMacs(g!, toModelCost(wireModelCost(1000)))).toBeNull()
  })
})
