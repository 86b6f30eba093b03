import { describe, expect, it } from 'vitest'
import { costGroups, totalTrainingMacs, trialTrainingMacs } from '@/lib/cost'
import { yamlToForm } from '@/lib/sweepSpec'
import { toModelCost } from '@/api/wire'

describe('training cost before launch', () => {
  const form = yamlToForm(`name: c
dataset: fashion-mnist
method: grid
parameters:
  model: [googlenet]
  block: [naive, reduced]
  auxWeight: [0.0, 0.3]
  labelSmoothing: [0.0, 0.1]
  width: 0.5
  epochs: 2
  limitTrain: 900
  validationFraction: 0.1
`)

  it('groups trials by model configuration, with the dataset’s input and the trial’s images', () => {
    const groups = costGroups(form)
    // labelSmoothing does not change the cost: 4 configurations of 2 trials each
    expect(groups).toHaveLength(4)
    for (const g of groups) {
      expect(g.trials).toBe(2)
      expect(g.query).toMatchObject({ input: '1x28x28', classes: 10, width: 0.5, stem: 'small' })
      expect(g.trainImages).toBe(900)
      expect(g.valImages).toBe(100)
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
    const groups = costGroups(form)
    const cost = toModelCost({ model: 'googlenet', macs: 1000, auxMacs: 10 })
    const g = groups[1]! // aux
    expect(trialTrainingMacs(g, cost)).toBe(2 * (3 * 1010 * 900 + 1000 * 100))
    const total = totalTrainingMacs(groups, () => cost)
    expect(total).toBe(8 * 2 * (3 * 1010 * 900 + 1000 * 100))
    expect(totalTrainingMacs(groups, () => undefined)).toBeNull()
  })
})
