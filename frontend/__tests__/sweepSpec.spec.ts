import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  checkDataset,
  checkParameter,
  combinations,
  defaultFor,
  describeDefaults,
  emptyForm,
  formToSpec,
  formToYaml,
  parseScalarList,
  specToForm,
  trialCount,
  yamlToForm,
  YamlError,
  type ParameterCatalog,
} from '@/lib/sweepSpec'
import { toDataset, toParameter } from '@/api/wire'
import { DATASETS, MODELS, PARAMETERS } from './fixtures'

// The sweep file of INTERFACE.md.
const EXAMPLE = `name: aux-weight-vs-smoothing
dataset: fashion-mnist          # fashion-mnist | cifar10 | synthetic-shapes | imagefolder:PATH
method: grid                    # grid | random
maxTrials: 16                   # random: how many; grid: a cap (the whole grid above it is refused)
maxConcurrent: 2
seed: 7
parameters:
  model: [googlenet, bn-inception]
  block: [naive, reduced]
  stem: small
  width: 0.25
  auxWeight: [0.0, 0.3]
  labelSmoothing: [0.0, 0.1]
  lr: {min: 0.001, max: 0.1, scale: log}   # random search only
  optimizer: sgd
  epochs: 3
  batchSize: 128
earlyStopping: {type: asha, metric: val_accuracy, mode: max, gracePeriod: 1, reductionFactor: 3}
`

describe('sweep file <-> form', () => {
  it('round-trips the INTERFACE.md example: YAML -> form -> YAML -> same object', () => {
    const form = yamlToForm(EXAMPLE)
    expect(form.name).toBe('aux-weight-vs-smoothing')
    expect(form.maxTrials).toBe(16)
    expect(form.parameters.find((p) => p.name === 'model')!.value).toEqual({
      kind: 'list',
      values: ['googlenet', 'bn-inception'],
    })
    expect(form.parameters.find((p) => p.name === 'lr')!.value).toEqual({
      kind: 'range',
      min: 0.001,
      max: 0.1,
      scale: 'log',
    })
    const text = formToYaml(form)
    expect(parse(text)).toEqual(parse(EXAMPLE))
    // flow-style lists and ranges, as people write them
    expect(text).toContain('model: [googlenet, bn-inception]')
    expect(text).toContain('lr: {min: 0.001, max: 0.1, scale: log}')
  })

  it('keeps fields the form does not know', () => {
    const form = yamlToForm(
      'name: x\nfuture: {a: 1}\nparameters: {model: googlenet}\nearlyStopping: {type: asha, minTrials: 4, extra: true}\n',
    )
    const spec = formToSpec(form)
    expect(spec.future).toEqual({ a: 1 })
    expect(spec.earlyStopping).toMatchObject({ minTrials: 4, extra: true })
  })

  it('writes form edits into the YAML', () => {
    const form = specToForm(parse(EXAMPLE))
    form.parameters.find((p) => p.name === 'width')!.value = { kind: 'list', values: [0.25, 0.5] }
    form.maxConcurrent = 4
    form.earlyStopping = null
    const back = parse(formToYaml(form))
    expect(back.parameters.width).toEqual([0.25, 0.5])
    expect(back.maxConcurrent).toBe(4)
    expect(back.earlyStopping).toBeUndefined()
  })

  it('reports a YAML syntax error with its line', () => {
    try {
      yamlToForm('name: a\nparameters:\n  model: [googlenet\n')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(YamlError)
      expect((e as YamlError).line).toBeGreaterThanOrEqual(3)
    }
    expect(() => yamlToForm('- a\n- b\n')).toThrow(/mapping/)
  })

  it('parses typed lists the way YAML would', () => {
    expect(parseScalarList('googlenet, 0.3, 1e-3, true, ')).toEqual(['googlenet', 0.3, 0.001, true])
  })
})

/** The served parameter catalog, and one that has not arrived (no parameter known). */
const catalog: ParameterCatalog = {
  parameter: (n) => PARAMETERS.map((p) => toParameter(p)).find((p) => p.name === n),
}
const noCatalog: ParameterCatalog = { parameter: () => undefined }

// the docs' example of a grid with parameters bn-inception does not take (block, auxWeight)
const CONDITIONAL = `dataset: synthetic-shapes
parameters:
  model: [googlenet-tv, bn-inception]
  block: [naive, naive-projected, reduced]
  auxWeight: [0, 0.3]
  labelSmoothing: [0, 0.1]
`

describe('trialCount', () => {
  it('multiplies list lengths for a grid and flags a range', () => {
    const form = yamlToForm(EXAMPLE)
    form.parameters.find((p) => p.name === 'model')!.value = {
      kind: 'list',
      values: ['googlenet', 'googlenet-tv'],
    }
    // 2 models × 2 blocks × 2 aux weights × 2 smoothings = 16, but lr is a range: a grid refuses it
    expect(trialCount(form, catalog)).toMatchObject({ count: 16, gridSize: 16 })
    expect(trialCount(form, catalog).refused).toMatch(/lr/)
    form.parameters = form.parameters.filter((p) => p.name !== 'lr')
    expect(trialCount(form, catalog).refused).toBeNull()
    form.maxTrials = 8
    expect(trialCount(form, catalog).refused).toMatch(/16 trials, more than maxTrials 8/)
  })

  it('leaves out of a grid the parameters a model does not take, as the server counts', () => {
    const form = yamlToForm(CONDITIONAL)
    // googlenet-tv 3 blocks × 2 aux weights × 2 smoothings, bn-inception 2 smoothings
    expect(trialCount(form, catalog)).toMatchObject({ count: 14, gridSize: 14, refused: null })
    // the INTERFACE.md example: googlenet 2 × 2 × 2, bn-inception 2 (its lr range still refused)
    expect(trialCount(yamlToForm(EXAMPLE), catalog)).toMatchObject({ count: 10 })
    // no model of the sweep takes block: it stays (the server refuses the combination)
    const none = yamlToForm('parameters: {model: bn-inception, block: [naive, reduced]}\n')
    expect(trialCount(none, catalog).count).toBe(2)
    // before the catalog arrives, every parameter counts
    expect(trialCount(form, noCatalog).count).toBe(24)
  })

  it('is maxTrials for random search', () => {
    const form = yamlToForm(EXAMPLE)
    form.method = 'random'
    form.maxTrials = 5
    expect(trialCount(form, catalog)).toMatchObject({ count: 5, refused: null })
  })

  it('enumerates combinations of chosen parameters in order', () => {
    const form = yamlToForm('parameters: {block: [naive, reduced], auxWeight: [0, 0.3], lr: 0.1}\n')
    const combos = combinations(form, ['block', 'auxWeight'], catalog)
    expect(combos).toEqual([
      { values: { block: 'naive', auxWeight: 0 }, trials: 1 },
      { values: { block: 'naive', auxWeight: 0.3 }, trials: 1 },
      { values: { block: 'reduced', auxWeight: 0 }, trials: 1 },
      { values: { block: 'reduced', auxWeight: 0.3 }, trials: 1 },
    ])
  })

  it('leaves out of a combination what its model does not take, with its trials', () => {
    const form = yamlToForm(CONDITIONAL)
    const combos = combinations(form, ['model', 'block', 'auxWeight'], catalog)
    expect(combos).toHaveLength(7)
    expect(combos[0]).toEqual({
      values: { model: 'googlenet-tv', block: 'naive', auxWeight: 0 },
      trials: 2,
    })
    expect(combos[6]).toEqual({ values: { model: 'bn-inception' }, trials: 2 })
    expect(combos.reduce((n, c) => n + c.trials, 0)).toBe(14)
    // random search: half the draws are bn-inception's, a twelfth each googlenet-tv combination
    form.method = 'random'
    form.maxTrials = 24
    const drawn = combinations(form, ['model', 'block', 'auxWeight'], catalog)
    expect(drawn.map((c) => c.trials)).toEqual([2, 2, 2, 2, 2, 2, 12])
  })
})

describe('the form of a new sweep, from the served parameters', () => {
  const served = PARAMETERS.map((p) => toParameter(p))

  it('opens with the starting parameters at the served defaults', () => {
    const form = emptyForm(served)
    expect(form.dataset).toBe('fashion-mnist')
    expect(Object.fromEntries(form.parameters.map((p) => [p.name, p.value]))).toEqual({
      model: { kind: 'value', value: 'googlenet' },
      block: { kind: 'value', value: 'reduced' },
      width: { kind: 'value', value: 0.25 },
      auxWeight: { kind: 'value', value: 0.3 },
      labelSmoothing: { kind: 'value', value: 0 },
      lr: { kind: 'value', value: 0.05 },
      epochs: { kind: 'value', value: 3 },
      // the default model's own default (the GoogLeNet family's batch), not the table's 128
      batchSize: { kind: 'value', value: 32 },
    })
    // a default the server changes is the form's
    const other = emptyForm(served.map((p) => (p.name === 'lr' ? { ...p, default: 0.2 } : p)))
    expect(other.parameters.find((p) => p.name === 'lr')!.value).toEqual({
      kind: 'value',
      value: 0.2,
    })
  })

  it('checks values against the served type, range and choices', () => {
    const p = (n: string) => served.find((x) => x.name === n)!
    const v = (value: number | string | boolean) => ({ kind: 'value', value }) as const
    expect(checkParameter(p('width'), 'width', v(0.5))).toEqual([])
    expect(checkParameter(p('width'), 'width', v(9))).toEqual([
      'width must be between 0.000001 and 8, got 9',
    ])
    expect(checkParameter(p('labelSmoothing'), 'labelSmoothing', v(1))).toEqual([
      'labelSmoothing must be in [0, 1), got 1',
    ])
    expect(checkParameter(p('lr'), 'lr', v(0))).toEqual(['lr must be above 0, got 0'])
    expect(checkParameter(p('epochs'), 'epochs', v(2.5))).toEqual([
      'epochs must be an integer, got 2.5',
    ])
    expect(checkParameter(p('epochs'), 'epochs', v('three'))).toEqual([
      "epochs must be a number, got 'three'",
    ])
    expect(
      checkParameter(p('model'), 'model', { kind: 'list', values: ['googlenet', 'inception-v5'] }),
    ).toEqual([`unknown model 'inception-v5'; known: ${MODELS.join(', ')}`])
    expect(checkParameter(p('nesterov'), 'nesterov', v('yes'))).toEqual([
      "nesterov must be true or false, got 'yes'",
    ])
    expect(
      checkParameter(p('lr'), 'lr', { kind: 'range', min: 0, max: 0.1, scale: 'log' }),
    ).toEqual(['lr must be above 0, got 0', 'a log range needs min above 0'])
    expect(checkParameter(undefined, 'colour', v('red'))).toEqual(["unknown parameter 'colour'"])
    expect(checkParameter(p('threads'), 'threads', v(4))).toEqual([
      'threads is set by the worker for its device slot',
    ])
  })

  it('checks the dataset against the served ones and imagefolder:PATH', () => {
    const datasets = DATASETS.map((d) => toDataset(d))
    expect(checkDataset('synthetic-shapes', datasets)).toBeNull()
    expect(checkDataset('imagefolder:/data/pets', datasets)).toBeNull()
    expect(checkDataset('imagefolder:', datasets)).toBe('imagefolder: needs a path')
    expect(checkDataset('mnist', datasets)).toBe(
      "unknown dataset 'mnist'; known: fashion-mnist, cifar10, synthetic-shapes, imagefolder:PATH",
    )
  })
})

describe('per-model defaults', () => {
  const batch = toParameter(PARAMETERS.find((p) => p.name === 'batchSize')!)
  const lr = toParameter(PARAMETERS.find((p) => p.name === 'lr')!)

  it("takes one model's own default, else the table's", () => {
    expect(defaultFor(batch, ['googlenet'])).toBe(32)
    expect(defaultFor(batch, ['bn-inception'])).toBe(128)
    // several models: no one model's default applies
    expect(defaultFor(batch, ['googlenet', 'bn-inception'])).toBe(128)
    expect(defaultFor(batch, [])).toBe(128)
    expect(defaultFor(lr, ['googlenet'])).toBe(lr.default)
  })

  it('writes the default and then each model of its own', () => {
    expect(describeDefaults(batch)).toBe('128 (googlenet: 32, googlenet-tv: 32)')
    expect(describeDefaults(lr)).toBe(String(lr.default))
  })
})
