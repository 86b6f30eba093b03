/**
 * The sweep file (INTERFACE.md) as an editable form model, and the conversions both ways:
 * YAML text -> form -> YAML text keeps every field, including ones the form does not know.
 */
import { parseDocument, stringify } from 'yaml'

export type Scalar = string | number | boolean

export type ParamValue =
  | { kind: 'value'; value: Scalar }
  | { kind: 'list'; values: Scalar[] }
  | { kind: 'range'; min: number; max: number; scale: 'linear' | 'log' }

export interface EarlyStoppingForm {
  type: string
  metric: string
  mode: string
  gracePeriod: number | null
  reductionFactor: number | null
  minTrials: number | null
}

export interface SweepForm {
  name: string
  description: string
  dataset: string
  method: string
  maxTrials: number | null
  maxConcurrent: number | null
  seed: number | null
  parameters: { name: string; value: ParamValue }[]
  earlyStopping: EarlyStoppingForm | null
  /** Top-level fields the form does not edit, kept as they are. */
  extra: Record<string, unknown>
  /** earlyStopping fields the form does not edit. */
  earlyStoppingExtra: Record<string, unknown>
}

/** Every trial parameter a sweep may set (TrialConfig's components less the worker's). */
export const KNOWN_PARAMETERS = [
  'model',
  'block',
  'stem',
  'width',
  'auxWeight',
  'labelSmoothing',
  'optimizer',
  'lr',
  'momentum',
  'nesterov',
  'weightDecay',
  'schedule',
  'warmupEpochs',
  'epochs',
  'batchSize',
  'seed',
  'validationFraction',
  'imageSize',
  'augment',
  'limitTrain',
  'limitTest',
  'dataDir',
] as const

export const DATASETS = ['fashion-mnist', 'cifar10', 'synthetic-shapes'] as const

const TOP_KEYS = [
  'name',
  'description',
  'dataset',
  'method',
  'maxTrials',
  'maxConcurrent',
  'seed',
  'parameters',
  'earlyStopping',
]
const STOP_KEYS = ['type', 'metric', 'mode', 'gracePeriod', 'reductionFactor', 'minTrials']

export function emptyForm(): SweepForm {
  return {
    name: 'my-sweep',
    description: '',
    dataset: 'fashion-mnist',
    method: 'grid',
    maxTrials: null,
    maxConcurrent: 2,
    seed: 7,
    parameters: [
      { name: 'model', value: { kind: 'list', values: ['googlenet'] } },
      { name: 'block', value: { kind: 'list', values: ['naive', 'reduced'] } },
      { name: 'stem', value: { kind: 'value', value: 'small' } },
      { name: 'width', value: { kind: 'value', value: 0.25 } },
      { name: 'auxWeight', value: { kind: 'list', values: [0, 0.3] } },
      { name: 'labelSmoothing', value: { kind: 'value', value: 0 } },
      { name: 'lr', value: { kind: 'value', value: 0.01 } },
      { name: 'epochs', value: { kind: 'value', value: 3 } },
      { name: 'batchSize', value: { kind: 'value', value: 128 } },
    ],
    earlyStopping: null,
    extra: {},
    earlyStoppingExtra: {},
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function scalar(v: unknown): Scalar {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v)
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null
}

function toParamValue(v: unknown): ParamValue {
  if (Array.isArray(v)) return { kind: 'list', values: v.map(scalar) }
  if (isObj(v) && typeof v.min === 'number' && typeof v.max === 'number') {
    return { kind: 'range', min: v.min, max: v.max, scale: v.scale === 'log' ? 'log' : 'linear' }
  }
  return { kind: 'value', value: scalar(v) }
}

function fromParamValue(p: ParamValue): unknown {
  if (p.kind === 'list') return [...p.values]
  if (p.kind === 'range') return { min: p.min, max: p.max, scale: p.scale }
  return p.value
}

/** The form of a parsed sweep file (a plain object). Fields the form lacks go to `extra`. */
export function specToForm(spec: unknown): SweepForm {
  const s = isObj(spec) ? spec : {}
  const extra: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(s)) if (!TOP_KEYS.includes(k)) extra[k] = v
  const params = isObj(s.parameters) ? s.parameters : {}
  let earlyStopping: EarlyStoppingForm | null = null
  const earlyStoppingExtra: Record<string, unknown> = {}
  if (isObj(s.earlyStopping)) {
    const e = s.earlyStopping
    earlyStopping = {
      type: typeof e.type === 'string' ? e.type : 'asha',
      metric: typeof e.metric === 'string' ? e.metric : 'val_accuracy',
      mode: typeof e.mode === 'string' ? e.mode : 'max',
      gracePeriod: numOrNull(e.gracePeriod),
      reductionFactor: numOrNull(e.reductionFactor),
      minTrials: numOrNull(e.minTrials),
    }
    for (const [k, v] of Object.entries(e)) if (!STOP_KEYS.includes(k)) earlyStoppingExtra[k] = v
  }
  return {
    name: typeof s.name === 'string' ? s.name : '',
    description: typeof s.description === 'string' ? s.description : '',
    dataset: typeof s.dataset === 'string' ? s.dataset : '',
    method: typeof s.method === 'string' ? s.method : 'grid',
    maxTrials: numOrNull(s.maxTrials),
    maxConcurrent: numOrNull(s.maxConcurrent),
    seed: numOrNull(s.seed),
    parameters: Object.entries(params).map(([name, v]) => ({ name, value: toParamValue(v) })),
    earlyStopping,
    extra,
    earlyStoppingExtra,
  }
}

/** The sweep file object of a form, fields in the order of INTERFACE.md; empty fields left out. */
export function formToSpec(f: SweepForm): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (f.name) out.name = f.name
  if (f.description) out.description = f.description
  if (f.dataset) out.dataset = f.dataset
  if (f.method) out.method = f.method
  if (f.maxTrials !== null) out.maxTrials = f.maxTrials
  if (f.maxConcurrent !== null) out.maxConcurrent = f.maxConcurrent
  if (f.seed !== null) out.seed = f.seed
  const params: Record<string, unknown> = {}
  for (const p of f.parameters) if (p.name) params[p.name] = fromParamValue(p.value)
  out.parameters = params
  if (f.earlyStopping) {
    const e = f.earlyStopping
    const es: Record<string, unknown> = { type: e.type, metric: e.metric, mode: e.mode }
    if (e.gracePeriod !== null) es.gracePeriod = e.gracePeriod
    if (e.reductionFactor !== null) es.reductionFactor = e.reductionFactor
    if (e.minTrials !== null) es.minTrials = e.minTrials
    Object.assign(es, f.earlyStoppingExtra)
    out.earlyStopping = es
  }
  Object.assign(out, f.extra)
  return out
}

/** YAML text of a form: lists of scalars in flow style, as in INTERFACE.md's example. */
export function formToYaml(f: SweepForm): string {
  return stringify(formToSpec(f), {
    collectionStyle: 'block',
    flowCollectionPadding: false,
    lineWidth: 0,
  })
    .replace(/^( {2}\w+):\n((?: {4}- .*\n)+)/gm, (_m, key: string, items: string) => {
      const values = items
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^ {4}- /, ''))
      return `${key}: [${values.join(', ')}]\n`
    })
    .replace(
      /^( {2}\w+):\n {4}min: (.*)\n {4}max: (.*)\n {4}scale: (.*)\n/gm,
      '$1: {min: $2, max: $3, scale: $4}\n',
    )
}

/** A YAML syntax error with its 1-based line. */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message)
  }
}

/** Parses sweep YAML (or JSON) text into a form; throws YamlError on a syntax error. */
export function yamlToForm(text: string): SweepForm {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    throw new YamlError(e.message.split('\n')[0]!, e.linePos?.[0]?.line ?? null)
  }
  const v: unknown = doc.toJS()
  if (v !== null && v !== undefined && !isObj(v)) {
    throw new YamlError('a sweep file is a mapping of fields (name, dataset, parameters, ...)', 1)
  }
  return specToForm(v ?? {})
}

/** Parses the text a user types for a value or a list: "a, b, 0.1" -> ['a', 'b', 0.1]. */
export function parseScalarList(text: string): Scalar[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseScalar)
}

export function parseScalar(s: string): Scalar {
  if (s === 'true') return true
  if (s === 'false') return false
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s)
  return s
}

export function formatScalarList(values: readonly Scalar[]): string {
  return values.map(String).join(', ')
}

/** The values a parameter takes in a grid (a range counts as one, since a grid refuses it). */
export function gridValues(p: ParamValue): Scalar[] {
  if (p.kind === 'list') return p.values
  if (p.kind === 'value') return [p.value]
  return [p.min]
}

/**
 * How many trials the sweep will run: the size of the grid, or maxTrials for random search.
 * `refused` says the server would refuse it (a grid bigger than maxTrials, or a range in a grid).
 */
export function trialCount(f: SweepForm): {
  count: number
  gridSize: number
  refused: string | null
} {
  const gridSize = f.parameters.reduce(
    (n, p) => n * (p.value.kind === 'list' ? p.value.values.length : 1),
    1,
  )
  if (f.method === 'random') {
    return {
      count: f.maxTrials ?? 0,
      gridSize,
      refused: f.maxTrials ? null : 'random search needs maxTrials',
    }
  }
  const range = f.parameters.find((p) => p.value.kind === 'range')
  if (range)
    return { count: gridSize, gridSize, refused: `a grid takes lists, not a range (${range.name})` }
  const cap = f.maxTrials ?? 1000
  return {
    count: gridSize,
    gridSize,
    refused: gridSize > cap ? `the grid has ${gridSize} trials, more than maxTrials ${cap}` : null,
  }
}

/** Every combination of the given parameters' grid values (cartesian product, in order). */
export function combinations(f: SweepForm, names: readonly string[]): Record<string, Scalar>[] {
  let out: Record<string, Scalar>[] = [{}]
  for (const p of f.parameters) {
    if (!names.includes(p.name)) continue
    const vals =
      p.value.kind === 'range'
        ? [
            p.value.scale === 'log'
              ? Math.sqrt(p.value.min * p.value.max)
              : (p.value.min + p.value.max) / 2,
          ]
        : gridValues(p.value)
    out = out.flatMap((c) => vals.map((v) => ({ ...c, [p.name]: v })))
  }
  return out
}
