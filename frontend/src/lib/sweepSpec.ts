/**
 * The sweep file (INTERFACE.md) as an editable form model, and the conversions both ways:
 * YAML text -> form -> YAML text keeps every field, including ones the form does not know.
 */
import { parseDocument, stringify } from 'yaml'
import type { Dataset, Parameter } from '@/api/types'

export type Scalar = string | number | boolean

export type ParamValue =
  | { kind: 'value'; value: Scalar }
  | { kind: 'list'; values: Scalar[] }
  | { kind: 'range'; min: number; max: number; scale: 'linear' | 'log' }

/** The sweep file's earlyStopping; '' or null: not set (the server's default). */
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

/** The prefix of a dataset that is a folder of images, one sub-folder per class (INTERFACE.md). */
export const IMAGE_FOLDER = 'imagefolder:'

/**
 * The parameters a new sweep's form opens with: the paper's questions (which network, which
 * block, aux heads, smoothing) and the training length. Each starts at the server's default;
 * every other parameter of `/api/parameters` can be added.
 */
export const STARTING_PARAMETERS = [
  'model',
  'block',
  'width',
  'auxWeight',
  'labelSmoothing',
  'lr',
  'epochs',
  'batchSize',
]

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

/**
 * A new sweep's form from the served parameter catalog: the starting parameters at their
 * defaults for the default model (its family's own where it has one), the dataset parameter's
 * default as the dataset.
 */
export function emptyForm(parameters: readonly Parameter[] = []): SweepForm {
  const byName = new Map(parameters.map((p) => [p.name, p]))
  const model = byName.get('model')?.default
  const models = model === undefined || model === null ? [] : [model]
  const start: SweepForm['parameters'] = []
  for (const name of STARTING_PARAMETERS) {
    const p = byName.get(name)
    const value = p ? defaultFor(p, models) : null
    if (p && p.scope === 'sweep' && value !== null)
      start.push({ name, value: { kind: 'value', value } })
  }
  const dataset = parameters.find((p) => p.type === 'dataset')?.default
  return {
    name: 'my-sweep',
    description: '',
    dataset: typeof dataset === 'string' ? dataset : '',
    method: 'grid',
    maxTrials: null,
    maxConcurrent: null,
    seed: null,
    parameters: start,
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
      type: typeof e.type === 'string' ? e.type : '',
      metric: typeof e.metric === 'string' ? e.metric : '',
      mode: typeof e.mode === 'string' ? e.mode : '',
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
    const es: Record<string, unknown> = {}
    if (e.type) es.type = e.type
    if (e.metric) es.metric = e.metric
    if (e.mode) es.mode = e.mode
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

/** The served parameter catalog, as far as a sweep's trials need it (the catalog store is one). */
export interface ParameterCatalog {
  parameter(name: string): Parameter | undefined
}

/** The sweep's model values in order: its list, its one value, or the served default. */
function sweepModels(f: SweepForm, catalog: ParameterCatalog): string[] {
  const p = f.parameters.find((q) => q.name === 'model')
  return p ? gridValues(p.value).map(String) : [String(catalog.parameter('model')?.default ?? '')]
}

/**
 * The models that take each parameter conditional on the sweep's model, as the server decides it:
 * one that the served catalog says only some models take (`models`), when some but not all models
 * of the sweep take it. A trial leaves out each one its model does not take. One that no model of
 * the sweep takes is not conditional: it stays, and the server refuses the combination.
 */
function modelConditions(f: SweepForm, catalog: ParameterCatalog): Map<string, readonly string[]> {
  const models = sweepModels(f, catalog)
  const out = new Map<string, readonly string[]>()
  for (const p of f.parameters) {
    const takers = catalog.parameter(p.name)?.models
    if (
      takers &&
      models.some((m) => takers.includes(m)) &&
      !models.every((m) => takers.includes(m))
    )
      out.set(p.name, takers)
  }
  return out
}

function takes(conditions: Map<string, readonly string[]>, name: string, model: unknown): boolean {
  const takers = conditions.get(name)
  return !takers || takers.includes(String(model))
}

/** How many values a parameter takes in a grid (a list's length; else one). */
function gridLength(p: ParamValue): number {
  return p.kind === 'list' ? p.values.length : 1
}

/**
 * How many trials the sweep will run: the size of the grid, or maxTrials for random search. A
 * grid leaves out of a combination the parameters its model does not take (`block` on
 * bn-inception, by the served catalog's `models`) and keeps the combinations this makes identical
 * once, so its size is, per model value, the product of the list lengths of the parameters that
 * model takes, summed over the model values (the server's count).
 * `refused` says the server would refuse it (a grid bigger than maxTrials, or a range in a grid).
 */
export function trialCount(
  f: SweepForm,
  catalog: ParameterCatalog,
): {
  count: number
  gridSize: number
  refused: string | null
} {
  const conditions = modelConditions(f, catalog)
  const others = f.parameters.filter((p) => p.name !== 'model')
  const gridSize = sweepModels(f, catalog).reduce(
    (n, m) =>
      n + others.reduce((k, p) => (takes(conditions, p.name, m) ? k * gridLength(p.value) : k), 1),
    0,
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

/** A combination of some of the sweep's parameters, and how many of its trials have it. */
export interface Combination {
  values: Record<string, Scalar>
  /** Trials of the sweep with these values (for random search: expected, so fractional). */
  trials: number
}

/**
 * Every combination of the given parameters' values (a range at its middle) in grid order, first
 * parameter slowest, each without the parameters its model does not take (as {@link trialCount}
 * counts), identical ones merged: a grid's trials, or random search's expected draws, per
 * combination.
 */
export function combinations(
  f: SweepForm,
  names: readonly string[],
  catalog: ParameterCatalog,
): Combination[] {
  const conditions = modelConditions(f, catalog)
  const [defaultModel] = sweepModels(f, catalog)
  const random = f.method === 'random'
  const total = trialCount(f, catalog).count
  const chosen = f.parameters.filter((p) => names.includes(p.name) || p.name === 'model')
  const rest = f.parameters.filter((p) => !chosen.includes(p))
  // each tuple of the chosen parameters' values, and which of them are at their first value
  let tuples: { values: Record<string, Scalar>; first: Set<string> }[] = [
    { values: {}, first: new Set() },
  ]
  for (const p of chosen) {
    const vals =
      p.value.kind === 'range'
        ? [
            p.value.scale === 'log'
              ? Math.sqrt(p.value.min * p.value.max)
              : (p.value.min + p.value.max) / 2,
          ]
        : gridValues(p.value)
    tuples = tuples.flatMap((t) =>
      vals.map((v, i) => ({
        values: { ...t.values, [p.name]: v },
        first: i === 0 ? new Set([...t.first, p.name]) : t.first,
      })),
    )
  }
  const out = new Map<string, Combination>()
  for (const t of tuples) {
    const model = t.values.model ?? defaultModel
    const left = Object.keys(t.values).filter((k) => !takes(conditions, k, model))
    // a grid keeps a combination once: with each parameter its model does not take at its first value
    if (!random && left.some((k) => !t.first.has(k))) continue
    const trials = random
      ? total / chosen.reduce((n, p) => n * gridLength(p.value), 1)
      : rest.reduce((n, p) => (takes(conditions, p.name, model) ? n * gridLength(p.value) : n), 1)
    const values = Object.fromEntries(
      Object.entries(t.values).filter(([k]) => names.includes(k) && !left.includes(k)),
    )
    const key = JSON.stringify(values)
    const c = out.get(key)
    if (c) c.trials += trials
    else out.set(key, { values, trials })
  }
  return [...out.values()]
}

function fmtBound(v: number): string {
  return String(v)
}

/**
 * A parameter's default for the form's models: the one model's own default where its training
 * recipe differs (`modelDefaults`), else the table's.
 */
export function defaultFor(p: Parameter, models: readonly Scalar[]): Scalar | null {
  const own = models.length === 1 ? p.modelDefaults?.[String(models[0])] : undefined
  return own ?? p.default
}

/** "0.05 (googlenet: 0.002)": the default and every model's own, as the form's hint says it. */
export function describeDefaults(p: Parameter): string {
  const own = Object.entries(p.modelDefaults ?? {}).map(([m, v]) => `${m}: ${v}`)
  return own.length ? `${p.default} (${own.join(', ')})` : String(p.default)
}

/** "between 0 and 1", "in [0, 1)", "at least 0", "above 0": a served range in words. */
export function describeRange(p: Parameter): string {
  const { min, max, minInclusive, maxInclusive } = p
  if (min !== null && max !== null) {
    return minInclusive && maxInclusive
      ? `between ${fmtBound(min)} and ${fmtBound(max)}`
      : `in ${minInclusive ? '[' : '('}${fmtBound(min)}, ${fmtBound(max)}${maxInclusive ? ']' : ')'}`
  }
  if (min !== null) return `${minInclusive ? 'at least' : 'above'} ${fmtBound(min)}`
  if (max !== null) return `${maxInclusive ? 'at most' : 'below'} ${fmtBound(max)}`
  return 'any number'
}

function inRange(p: Parameter, v: number): boolean {
  const lo = p.min === null || (p.minInclusive ? v >= p.min : v > p.min)
  const hi = p.max === null || (p.maxInclusive ? v <= p.max : v < p.max)
  return lo && hi
}

/** Why one value does not fit a served parameter, or null when it does. */
export function checkValue(p: Parameter, v: Scalar): string | null {
  switch (p.type) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number') return `${p.name} must be a number, got '${v}'`
      if (p.type === 'integer' && !Number.isInteger(v))
        return `${p.name} must be an integer, got ${v}`
      return inRange(p, v) ? null : `${p.name} must be ${describeRange(p)}, got ${v}`
    case 'boolean':
      return typeof v === 'boolean' ? null : `${p.name} must be true or false, got '${v}'`
    case 'choice':
      return typeof v === 'string' && p.choices.includes(v)
        ? null
        : `unknown ${p.name} '${v}'; known: ${p.choices.join(', ')}`
    default:
      // dataset, schedule, path, text: a non-empty string (the server checks their forms)
      if (typeof v !== 'string') return `${p.name} must be a string, got ${v}`
      return v.trim() === '' ? `${p.name} needs a value` : null
  }
}

/**
 * What is wrong with one parameter of the form, checked against `/api/parameters`: an unknown
 * name, a worker's parameter, values of the wrong type, outside the range or not among the
 * choices, an empty list, a bad range. Empty when the field is fine.
 */
export function checkParameter(
  p: Parameter | undefined,
  name: string,
  value: ParamValue,
): string[] {
  if (!p) return [`unknown parameter '${name}'`]
  if (p.scope !== 'sweep') return [`${name} is set by the worker for its device slot`]
  if (value.kind === 'range') {
    if (p.type !== 'number' && p.type !== 'integer') return [`${name} takes no range`]
    const out = [checkValue(p, value.min), checkValue(p, value.max)].filter(
      (m): m is string => m !== null,
    )
    if (value.min > value.max) out.push(`min ${value.min} is above max ${value.max}`)
    if (value.scale === 'log' && value.min <= 0) out.push('a log range needs min above 0')
    return out
  }
  const values = value.kind === 'list' ? value.values : [value.value]
  if (values.length === 0) return [`${name} needs at least one value`]
  if (value.kind === 'value' && value.value === '') return [`${name} needs a value`]
  return [...new Set(values.map((v) => checkValue(p, v)).filter((m): m is string => m !== null))]
}

/** Why a dataset is not one of the served ones or an `imagefolder:PATH`, or null. */
export function checkDataset(name: string, datasets: readonly Dataset[]): string | null {
  if (name.startsWith(IMAGE_FOLDER))
    return name.length > IMAGE_FOLDER.length ? null : `${IMAGE_FOLDER} needs a path`
  if (datasets.some((d) => d.name === name)) return null
  return `unknown dataset '${name}'; known: ${[...datasets.map((d) => d.name), `${IMAGE_FOLDER}PATH`].join(', ')}`
}
