/**
 * Conversion of the server's JSON into domain types, in the manner of optuna-dashboard's
 * `convert*` functions: each one reads exactly the fields of its schema in openapi.json, whose
 * types `npm run gen:api` generates into ./openapi.d.ts. There are no aliases and no fallbacks: a
 * field renamed in the document breaks the type-check here (the shapes below must list exactly the
 * generated fields), and an answer off the contract at run time is refused by {@link expectShape}
 * with a {@link WireError} naming the field, which the client turns into its one error type.
 *
 * What is checked at run time is each field's JSON type (string, number, boolean, array, object,
 * null where the schema allows it); enumerations are trusted to the server, whose tests validate
 * every answer against the same document. Fields the schema does not list are ignored.
 */
import type { components } from './openapi'
import type {
  Attempt,
  BlockCost,
  CurveSet,
  Dataset,
  ErrorDetail,
  Front,
  GraphEdge,
  GraphNode,
  Importance,
  Metric,
  MetricPoint,
  ModelCost,
  ModelSummary,
  Objective,
  Parameter,
  ResultRow,
  StreamBatch,
  Sweep,
  Trial,
  WorkerInfo,
} from './types'

type Schemas = components['schemas']

/** An answer that does not fit the contract; `field` is where, e.g. `trials[2].attempts[0].outcome`. */
export class WireError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`)
    this.name = 'WireError'
  }
}

type Base<V> = [V] extends [string]
  ? 'string'
  : [V] extends [number]
    ? 'number'
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [readonly unknown[]]
        ? 'array'
        : [V] extends [string | number | boolean]
          ? 'scalar'
          : [V] extends [object]
            ? 'object'
            : never
type Kind<V> = null extends V ? `${Base<Exclude<V, null>>} | null` : Base<V>

/**
 * The run-time description of a generated schema type: every field, with its JSON type as the
 * generated type has it (`'number | null'`; `' | absent'` for a field the schema does not require).
 * The compiler holds each shape to its type, so it lists exactly the document's fields.
 */
export type Shape<T> = {
  readonly [K in keyof T]-?: Record<never, never> extends Pick<T, K>
    ? `${Kind<Exclude<T[K], undefined>>} | absent`
    : Kind<T[K]>
}

declare const schemaType: unique symbol
/** A {@link Shape} that remembers its schema type, so {@link expectShape} returns that type. */
export type Shaped<T> = Shape<NoInfer<T>> & { readonly [schemaType]?: T }

/** The shape of schema type `T` (the compiler checks that it lists exactly T's fields). */
export function shape<T>(fields: Shape<T>): Shaped<T> {
  return fields
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function fits(v: unknown, kind: string): boolean {
  return kind.split(' | ').some((k) => {
    switch (k) {
      case 'string':
        return typeof v === 'string'
      case 'number':
        return typeof v === 'number' && Number.isFinite(v)
      case 'boolean':
        return typeof v === 'boolean'
      case 'scalar':
        return ['string', 'number', 'boolean'].includes(typeof v)
      case 'array':
        return Array.isArray(v)
      case 'object':
        return isObject(v)
      case 'null':
        return v === null
      case 'absent':
        return v === undefined
      default:
        return false
    }
  })
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  return `${typeof v} ${JSON.stringify(v)}`
}

/** Asserts that `v` is an object whose every field fits `shape`, and types it as the schema. */
export function expectShape<T>(v: unknown, shape: Shaped<T>, where: string): T {
  if (!isObject(v)) throw new WireError(where, `expected an object, got ${describe(v)}`)
  for (const [field, kind] of Object.entries(shape) as [string, string][]) {
    if (!fits(v[field], kind))
      throw new WireError(`${where}.${field}`, `expected ${kind}, got ${describe(v[field])}`)
  }
  return v as T
}

/** Asserts an array, converting each item with its path. */
export function list<T>(v: unknown, where: string, item: (x: unknown, where: string) => T): T[] {
  if (!Array.isArray(v)) throw new WireError(where, `expected an array, got ${describe(v)}`)
  return v.map((x, i) => item(x, `${where}[${i}]`))
}

function primitive<K extends 'string' | 'number'>(kind: K) {
  return (v: unknown, where: string): K extends 'string' ? string : number => {
    if (!fits(v, kind)) throw new WireError(where, `expected ${kind}, got ${describe(v)}`)
    return v as K extends 'string' ? string : number
  }
}
const numbers = (v: unknown, where: string) => list(v, where, primitive('number'))
const strings = (v: unknown, where: string) => list(v, where, primitive('string'))

/** Asserts an object of scalars (name → string, number or boolean). */
function scalars(v: unknown, where: string): Record<string, string | number | boolean> {
  if (!isObject(v)) throw new WireError(where, `expected an object, got ${describe(v)}`)
  for (const [k, x] of Object.entries(v))
    if (!fits(x, 'scalar'))
      throw new WireError(`${where}.${k}`, `expected scalar, got ${describe(x)}`)
  return v as Record<string, string | number | boolean>
}

/** Milliseconds of an ISO-8601 time (null stays null). */
function iso(v: string | null, where: string): number | null {
  if (v === null) return null
  const t = Date.parse(v)
  if (Number.isNaN(t)) throw new WireError(where, `expected an ISO-8601 time, got ${describe(v)}`)
  return t
}

// ---- shapes of the schemas the dashboard reads ----------------------------------------------

const EARLY_STOPPING = shape<Schemas['EarlyStopping']>({
  type: 'string',
  metric: 'string',
  mode: 'string',
  gracePeriod: 'number',
  reductionFactor: 'number',
  minTrials: 'number',
})
const SWEEP_SPEC = shape<Schemas['SweepSpec']>({
  name: 'string',
  dataset: 'string',
  method: 'string',
  maxTrials: 'number',
  maxConcurrent: 'number',
  seed: 'number',
  parameters: 'object',
  earlyStopping: 'object',
  objectives: 'array | absent',
  constraints: 'object | absent',
  tpe: 'object | absent',
})
const SWEEP = shape<Schemas['Sweep']>({
  id: 'string',
  name: 'string',
  state: 'string',
  spec: 'object',
  created: 'string',
  updated: 'string',
  trials: 'number',
  counts: 'object',
  notes: 'string',
  tags: 'array',
  archived: 'boolean',
  best: 'object | null',
})
const SWEEP_BEST = shape<Schemas['SweepBest']>({
  metric: 'string',
  mode: 'string',
  value: 'number',
  trial: 'string',
})
const DELETED = shape<Schemas['Deleted']>({ id: 'string', trials: 'number' })
const ATTEMPT = shape<Schemas['Attempt']>({
  attempt: 'number',
  worker: 'string | null',
  device: 'string | null',
  started: 'string | null',
  ended: 'string | null',
  outcome: 'string | null',
  error: 'string | null',
  logTail: 'string | null',
  log: 'string | null',
})
const TRIAL = shape<Schemas['Trial']>({
  id: 'string',
  sweep: 'string',
  index: 'number',
  state: 'string',
  attempt: 'number',
  failures: 'number',
  parameters: 'object',
  epoch: 'number',
  created: 'string',
  started: 'string | null',
  finished: 'string | null',
  worker: 'string | null',
  rung: 'number | null',
  prunedAtRung: 'number | null',
  checkpoint: 'object | null',
  params: 'number | null',
  macs: 'number | null',
  error: 'string | null',
  noPrune: 'boolean',
  result: 'object | null',
  attempts: 'array',
  epochValues: 'object | null',
  testAccuracy: 'number | null',
  bestValAccuracy: 'number | null',
  finalValAccuracy: 'number | null',
  seconds: 'number | null',
  imagesPerSec: 'number | null',
})
const RESULT_ROW = shape<Schemas['ResultRow']>({
  trial: 'string',
  index: 'number',
  state: 'string',
  attempt: 'number',
  parameters: 'object',
  params: 'number | null',
  macs: 'number | null',
  bestValAccuracy: 'number | null',
  finalValAccuracy: 'number | null',
  testAccuracy: 'number | null',
  seconds: 'number | null',
  imagesPerSec: 'number | null',
  rung: 'number | null',
  error: 'string | null',
})
const METRIC_POINT = shape<Schemas['MetricPoint']>({
  name: 'string',
  step: 'number',
  epoch: 'number',
  value: 'number | null',
  attempt: 'number',
  time: 'string | null',
})
const MODEL_SUMMARY = shape<Schemas['ModelSummary']>({
  name: 'string',
  description: 'string',
  paper: 'string',
  input: 'array',
  classes: 'number',
  params: 'number',
  macs: 'number',
  singleBlock: 'boolean',
  hasAux: 'boolean',
  takesBlock: 'boolean',
})
const BRANCH = shape<Schemas['Branch']>({
  name: 'string',
  params: 'number',
  macs: 'number',
  share: 'number',
})
const BLOCK_COST = shape<Schemas['BlockCost']>({
  name: 'string',
  kind: 'string',
  outputShape: 'array',
  params: 'number',
  macs: 'number',
  share: 'number',
  branches: 'array | absent',
})
const GRAPH = shape<Schemas['ModelCost']['graph']>({ nodes: 'array', edges: 'array' })
const GRAPH_NODE = shape<Schemas['GraphNode']>({
  id: 'string',
  name: 'string',
  kind: 'string',
  label: 'string',
  outputShape: 'array',
  params: 'number',
  macs: 'number',
  share: 'number',
  group: 'string | null',
  aux: 'boolean',
})
const GRAPH_EDGE = shape<Schemas['GraphEdge']>({ from: 'string', to: 'string' })
const MODEL_COST = shape<Schemas['ModelCost']>({
  model: 'string',
  input: 'array',
  classes: 'number',
  aux: 'boolean',
  width: 'number',
  stem: 'string',
  block: 'string',
  params: 'number',
  macs: 'number',
  auxParams: 'number',
  auxMacs: 'number',
  outputShape: 'array',
  blocks: 'array',
  graph: 'object',
})
const RUNNING_TRIAL = shape<Schemas['RunningTrial']>({
  trial: 'string',
  attempt: 'number',
  slot: 'number',
})
const WORKER = shape<Schemas['Worker']>({
  id: 'string',
  node: 'string | null',
  host: 'string | null',
  devices: 'array',
  slots: 'number',
  trials: 'array',
  lastHeartbeat: 'string',
})
const PARAMETER = shape<Schemas['Parameter']>({
  name: 'string',
  type: 'string',
  default: 'scalar | null',
  modelDefaults: 'object | null',
  choices: 'array',
  min: 'number | null',
  minInclusive: 'boolean | null',
  max: 'number | null',
  maxInclusive: 'boolean | null',
  models: 'array | null',
  scope: 'string',
  option: 'string',
  doc: 'string',
})
const DATASET = shape<Schemas['Dataset']>({
  name: 'string',
  shape: 'array',
  classes: 'number',
  classNames: 'array',
  train: 'number',
  test: 'number',
  source: 'string',
})
const METRIC = shape<Schemas['Metric']>({
  name: 'string',
  per: 'string',
  unit: 'string',
  direction: 'string | null',
  label: 'string',
  doc: 'string',
})
const OBJECTIVE = shape<Schemas['Objective']>({ metric: 'string', mode: 'string' })
const IMPORTANCE = shape<Schemas['Importance']>({
  sweep: 'string',
  objective: 'object',
  method: 'string',
  trials: 'number',
  parameters: 'array',
})
const IMPORTANCE_ENTRY = shape<Schemas['Importance']['parameters'][number]>({
  name: 'string',
  importance: 'number',
})
const FRONT = shape<Schemas['Front']>({
  sweep: 'string',
  objectives: 'array',
  completed: 'number',
  trials: 'array',
})
const FRONT_ROW = shape<Schemas['Front']['trials'][number]>({
  trial: 'string',
  index: 'number',
  values: 'array',
  parameters: 'object',
})
const CURVE = shape<Schemas['Curve']>({
  trial: 'string',
  steps: 'array',
  values: 'array',
  count: 'number',
  downsampled: 'boolean',
  lastStep: 'number | null',
})
const CURVE_SET = shape<Schemas['CurveSet']>({
  metric: 'string',
  points: 'number',
  since: 'number | null',
  trials: 'array',
})
const CREATED = shape<Schemas['Created']>({ id: 'string', trials: 'number' })
const CONTROL_RESULT = shape<Schemas['ControlResult']>({ id: 'string', state: 'string' })
const ERROR = shape<Schemas['Error']>({ error: 'string', details: 'array' })
const ERROR_DETAIL = shape<Schemas['Error']['details'][number]>({
  path: 'string',
  message: 'string',
})

/**
 * The `/api/events` stream is text/event-stream, outside the document's schemas: its items are
 * the schemas' own fields, a metric point with the trial and sweep it belongs to.
 */
type StreamPoint = Schemas['MetricPoint'] & Pick<Schemas['Trial'], 'sweep'> & { trial: string }
type StreamTrial = Pick<Schemas['Trial'], 'id' | 'sweep' | 'state' | 'attempt'>
type StreamSweep = Pick<Schemas['Sweep'], 'id' | 'state'>
interface StreamData {
  metrics: StreamPoint[]
  trials: StreamTrial[]
  sweeps: StreamSweep[]
}
const STREAM_DATA = shape<StreamData>({ metrics: 'array', trials: 'array', sweeps: 'array' })
const STREAM_POINT = shape<StreamPoint>({ ...METRIC_POINT, trial: 'string', sweep: 'string' })
const STREAM_TRIAL = shape<StreamTrial>({
  id: 'string',
  sweep: 'string',
  state: 'string',
  attempt: 'number',
})
const STREAM_SWEEP = shape<StreamSweep>({ id: 'string', state: 'string' })

// ---- conversions ------------------------------------------------------------------------------

/**
 * How many trials a sweep will have: a grid or random sweep creates all of them at submit; a TPE
 * sweep proposes them one by one, so until it ends it is heading for `maxTrials`.
 */
export function plannedTrials(
  method: string,
  state: string,
  created: number,
  maxTrials: number,
): number {
  const adaptive = method === 'tpe' && (state === 'running' || state === 'paused')
  return adaptive ? Math.max(created, maxTrials) : created
}

export function toSweep(v: unknown, where = 'sweep'): Sweep {
  const w = expectShape(v, SWEEP, where)
  const spec = expectShape(w.spec, SWEEP_SPEC, `${where}.spec`)
  expectShape(spec.earlyStopping, EARLY_STOPPING, `${where}.spec.earlyStopping`)
  const counts: Record<string, number> = {}
  for (const [state, n] of Object.entries(w.counts)) {
    counts[state] = primitive('number')(n, `${where}.counts.${state}`)
  }
  return {
    id: w.id,
    name: w.name,
    state: w.state,
    dataset: spec.dataset,
    method: spec.method,
    counts,
    total: plannedTrials(spec.method, w.state, w.trials, spec.maxTrials),
    createdAt: iso(w.created, `${where}.created`),
    updatedAt: iso(w.updated, `${where}.updated`),
    spec: { ...spec },
    notes: w.notes,
    tags: strings(w.tags, `${where}.tags`),
    archived: w.archived,
    best: w.best === null ? null : { ...expectShape(w.best, SWEEP_BEST, `${where}.best`) },
  }
}

export function toDeleted(v: unknown): { id: string; trials: number } {
  const w = expectShape(v, DELETED, 'deleted')
  return { id: w.id, trials: w.trials }
}

export function toAttempt(v: unknown, where = 'attempt'): Attempt {
  const w = expectShape(v, ATTEMPT, where)
  return {
    attempt: w.attempt,
    worker: w.worker,
    device: w.device,
    startedAt: iso(w.started, `${where}.started`),
    endedAt: iso(w.ended, `${where}.ended`),
    outcome: w.outcome,
    error: w.error,
    logTail: w.logTail,
    logPath: w.log,
  }
}

export function toTrial(v: unknown, where = 'trial'): Trial {
  const w = expectShape(v, TRIAL, where)
  return {
    id: w.id,
    sweep: w.sweep,
    index: w.index,
    state: w.state,
    attempt: w.attempt,
    failures: w.failures,
    params: { ...w.parameters },
    epoch: w.epoch,
    rung: w.rung,
    prunedAtRung: w.prunedAtRung,
    attempts: list(w.attempts, `${where}.attempts`, toAttempt),
    error: w.error,
    worker: w.worker,
    createdAt: iso(w.created, `${where}.created`),
    startedAt: iso(w.started, `${where}.started`),
    finishedAt: iso(w.finished, `${where}.finished`),
    paramCount: w.params,
    macs: w.macs,
    testAccuracy: w.testAccuracy,
    bestValAccuracy: w.bestValAccuracy,
    finalValAccuracy: w.finalValAccuracy,
    seconds: w.seconds,
    imagesPerSec: w.imagesPerSec,
  }
}

/** A stored metric point of one trial (`GET /api/trials/{id}/metrics`). */
export function toMetricPoint(v: unknown, trial: string, where = 'metricPoint'): MetricPoint {
  const w = expectShape(v, METRIC_POINT, where)
  return {
    trial,
    name: w.name,
    step: w.step,
    epoch: w.epoch,
    value: w.value,
    attempt: w.attempt,
    time: iso(w.time, `${where}.time`),
  }
}

export function toResultRow(v: unknown, where = 'resultRow'): ResultRow {
  const w = expectShape(v, RESULT_ROW, where)
  return {
    trial: w.trial,
    index: w.index,
    state: w.state,
    attempt: w.attempt,
    params: { ...w.parameters },
    paramCount: w.params,
    macs: w.macs,
    bestValAccuracy: w.bestValAccuracy,
    finalValAccuracy: w.finalValAccuracy,
    testAccuracy: w.testAccuracy,
    seconds: w.seconds,
    imagesPerSec: w.imagesPerSec,
    rung: w.rung,
    error: w.error,
  }
}

export function toModelSummary(v: unknown, where = 'model'): ModelSummary {
  const w = expectShape(v, MODEL_SUMMARY, where)
  return {
    name: w.name,
    description: w.description,
    input: numbers(w.input, `${where}.input`),
    classes: w.classes,
    params: w.params,
    macs: w.macs,
    hasAux: w.hasAux,
    takesBlock: w.takesBlock,
  }
}

function toBlock(v: unknown, where: string): BlockCost {
  const w = expectShape(v, BLOCK_COST, where)
  return {
    name: w.name,
    kind: w.kind,
    outputShape: numbers(w.outputShape, `${where}.outputShape`),
    params: w.params,
    macs: w.macs,
    share: w.share,
    branches:
      w.branches === undefined
        ? []
        : list(w.branches, `${where}.branches`, (b, at) => ({ ...expectShape(b, BRANCH, at) })),
  }
}

function toGraphNode(v: unknown, where: string): GraphNode {
  const w = expectShape(v, GRAPH_NODE, where)
  return {
    id: w.id,
    name: w.name,
    label: w.label,
    kind: w.kind,
    macs: w.macs,
    params: w.params,
    outputShape: numbers(w.outputShape, `${where}.outputShape`),
    group: w.group,
    aux: w.aux,
  }
}

function toGraphEdge(v: unknown, where: string): GraphEdge {
  const w = expectShape(v, GRAPH_EDGE, where)
  return { from: w.from, to: w.to }
}

export function toModelCost(v: unknown, where = 'modelCost'): ModelCost {
  const w = expectShape(v, MODEL_COST, where)
  const g = expectShape(w.graph, GRAPH, `${where}.graph`)
  return {
    model: w.model,
    input: numbers(w.input, `${where}.input`),
    classes: w.classes,
    aux: w.aux,
    params: w.params,
    macs: w.macs,
    auxParams: w.auxParams,
    auxMacs: w.auxMacs,
    outputShape: numbers(w.outputShape, `${where}.outputShape`),
    blocks: list(w.blocks, `${where}.blocks`, toBlock),
    graph: {
      nodes: list(g.nodes, `${where}.graph.nodes`, toGraphNode),
      edges: list(g.edges, `${where}.graph.edges`, toGraphEdge),
    },
  }
}

export function toWorker(v: unknown, where = 'worker'): WorkerInfo {
  const w = expectShape(v, WORKER, where)
  return {
    id: w.id,
    node: w.node,
    host: w.host,
    devices: strings(w.devices, `${where}.devices`),
    slots: w.slots,
    trials: list(w.trials, `${where}.trials`, (t, at) => expectShape(t, RUNNING_TRIAL, at).trial),
    lastHeartbeat: iso(w.lastHeartbeat, `${where}.lastHeartbeat`),
  }
}

export function toParameter(v: unknown, where = 'parameter'): Parameter {
  const w = expectShape(v, PARAMETER, where)
  return {
    name: w.name,
    type: w.type,
    default: w.default,
    modelDefaults:
      w.modelDefaults === null ? null : scalars(w.modelDefaults, `${where}.modelDefaults`),
    choices: strings(w.choices, `${where}.choices`),
    min: w.min,
    minInclusive: w.minInclusive,
    max: w.max,
    maxInclusive: w.maxInclusive,
    models: w.models === null ? null : strings(w.models, `${where}.models`),
    scope: w.scope,
    option: w.option,
    doc: w.doc,
  }
}

export function toDataset(v: unknown, where = 'dataset'): Dataset {
  const w = expectShape(v, DATASET, where)
  const shape = numbers(w.shape, `${where}.shape`)
  if (shape.length !== 3)
    throw new WireError(`${where}.shape`, `expected [C, H, W], got ${shape.length} numbers`)
  return {
    name: w.name,
    shape,
    classes: w.classes,
    classNames: strings(w.classNames, `${where}.classNames`),
    train: w.train,
    test: w.test,
    source: w.source,
  }
}

export function toMetric(v: unknown, where = 'metric'): Metric {
  const w = expectShape(v, METRIC, where)
  return {
    name: w.name,
    per: w.per,
    unit: w.unit,
    direction: w.direction,
    label: w.label,
    doc: w.doc,
  }
}

function toObjective(v: unknown, where: string): Objective {
  const w = expectShape(v, OBJECTIVE, where)
  return { metric: w.metric, mode: w.mode }
}

export function toImportance(v: unknown, where = 'importance'): Importance {
  const w = expectShape(v, IMPORTANCE, where)
  return {
    objective: toObjective(w.objective, `${where}.objective`),
    method: w.method,
    trials: w.trials,
    parameters: list(w.parameters, `${where}.parameters`, (x, at) => {
      const e = expectShape(x, IMPORTANCE_ENTRY, at)
      return { name: e.name, importance: e.importance }
    }),
  }
}

export function toFront(v: unknown, where = 'front'): Front {
  const w = expectShape(v, FRONT, where)
  return {
    objectives: list(w.objectives, `${where}.objectives`, toObjective),
    completed: w.completed,
    trials: list(w.trials, `${where}.trials`, (x, at) => {
      const r = expectShape(x, FRONT_ROW, at)
      return {
        trial: r.trial,
        index: r.index,
        values: numbers(r.values, `${at}.values`),
        params: { ...r.parameters },
      }
    }),
  }
}

/** One metric of many trials (`GET /api/sweeps/{id}/curves`), columnar. */
export function toCurveSet(v: unknown, where = 'curves'): CurveSet {
  const w = expectShape(v, CURVE_SET, where)
  return {
    metric: w.metric,
    curves: list(w.trials, `${where}.trials`, (c, at) => {
      const x = expectShape(c, CURVE, at)
      const steps = numbers(x.steps, `${at}.steps`)
      const values = numbers(x.values, `${at}.values`)
      if (steps.length !== values.length)
        throw new WireError(at, `${steps.length} steps but ${values.length} values`)
      return {
        trial: x.trial,
        steps,
        values,
        count: x.count,
        downsampled: x.downsampled,
        lastStep: x.lastStep,
      }
    }),
  }
}

export function toCreated(v: unknown): { id: string; trials: number } {
  const w = expectShape(v, CREATED, 'created')
  return { id: w.id, trials: w.trials }
}

export function toControlResult(v: unknown): { id: string; state: Sweep['state'] } {
  const w = expectShape(v, CONTROL_RESULT, 'controlResult')
  return { id: w.id, state: w.state }
}

/** The error body of a failed call (`{error, details}`). */
export function toErrorBody(v: unknown): { error: string; details: ErrorDetail[] } {
  const w = expectShape(v, ERROR, 'error')
  return {
    error: w.error,
    details: list(w.details, 'error.details', (d, at) => {
      const x = expectShape(d, ERROR_DETAIL, at)
      return { path: x.path, message: x.message }
    }),
  }
}

/** Parses the `data:` of one SSE `batch` message. */
export function toStreamBatch(id: number | null, data: unknown): StreamBatch {
  const w = expectShape(data, STREAM_DATA, 'batch')
  return {
    id,
    metrics: list(w.metrics, 'batch.metrics', (m, at) => {
      const p = expectShape(m, STREAM_POINT, at)
      return toMetricPoint(p, p.trial, at)
    }),
    trials: list(w.trials, 'batch.trials', (t, at) => {
      const x = expectShape(t, STREAM_TRIAL, at)
      return { id: x.id, sweep: x.sweep, state: x.state, attempt: x.attempt }
    }),
    sweeps: list(w.sweeps, 'batch.sweeps', (s, at) => {
      const x = expectShape(s, STREAM_SWEEP, at)
      return { id: x.id, state: x.state }
    }),
  }
}
