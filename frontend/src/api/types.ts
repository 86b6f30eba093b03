/**
 * Domain types of the dashboard. The client converts the wire objects of openapi.json (their
 * types generated into ./openapi.d.ts by `npm run gen:api`) into these; enumerations and
 * catalog entries are the generated types themselves, so the server's document owns them.
 */
import type { components } from './openapi'

type Schemas = components['schemas']

export type TrialState = Schemas['Trial']['state']
export type SweepState = Schemas['Sweep']['state']
export type AttemptOutcome = NonNullable<Schemas['Attempt']['outcome']>

/** One trial parameter as `GET /api/parameters` serves it (name, type, default, range, doc). */
export type Parameter = Schemas['Parameter']
/** One built-in dataset as `GET /api/datasets` serves it (shape [C, H, W], classes, sizes). */
export type Dataset = Schemas['Dataset']
/** One metric as `GET /api/metrics` serves it (per, unit, direction, label, doc). */
export type Metric = Schemas['Metric']
export type MetricUnit = Metric['unit']

export type Params = Record<string, unknown>

export interface Sweep {
  id: string
  name: string
  state: SweepState
  dataset: string
  method: string
  /** trial state -> number of trials in it. */
  counts: Record<string, number>
  total: number
  createdAt: number | null
  updatedAt: number | null
  /** The sweep file as validated and stored (defaults filled in). */
  spec: Params
  /** What the user wrote about it. */
  notes: string
  tags: string[]
  /** Hidden from the sweeps list unless archived ones are asked for. */
  archived: boolean
  /** The best trial by the sweep's objective, null before any trial has a value. */
  best: SweepBest | null
}

export type SweepBest = Schemas['SweepBest']
/** A change to a sweep's notes, tags or archived flag (`PATCH /api/sweeps/{id}`). */
export type SweepEdit = Schemas['SweepEdit']

export interface Attempt {
  attempt: number
  worker: string | null
  /** cpu or gpu:N */
  device: string | null
  startedAt: number | null
  endedAt: number | null
  /** How it ended; null while it runs. */
  outcome: AttemptOutcome | null
  error: string | null
  /** The last lines of the attempt's log. */
  logTail: string | null
  /** The log's path on the worker. */
  logPath: string | null
}

export interface Trial {
  id: string
  sweep: string
  index: number
  state: TrialState
  attempt: number
  failures: number
  params: Params
  /** Epochs completed. */
  epoch: number
  /** The last ASHA rung it reached, and the one it was pruned at (null: none). */
  rung: number | null
  prunedAtRung: number | null
  attempts: Attempt[]
  error: string | null
  worker: string | null
  createdAt: number | null
  startedAt: number | null
  finishedAt: number | null
  paramCount: number | null
  macs: number | null
  testAccuracy: number | null
  bestValAccuracy: number | null
  finalValAccuracy: number | null
  seconds: number | null
  imagesPerSec: number | null
}

export interface MetricPoint {
  trial: string
  name: string
  step: number
  epoch: number
  /** null where the trial reported no finite value (a diverged step). */
  value: number | null
  attempt: number
  time: number | null
}

export interface ResultRow {
  trial: string
  index: number
  state: TrialState
  attempt: number
  params: Params
  paramCount: number | null
  macs: number | null
  bestValAccuracy: number | null
  finalValAccuracy: number | null
  testAccuracy: number | null
  seconds: number | null
  imagesPerSec: number | null
  /** The rung it was pruned at, else the last rung it reached. */
  rung: number | null
  error: string | null
}

export interface Branch {
  name: string
  params: number
  macs: number
  share: number
}

export interface BlockCost {
  name: string
  kind: string
  outputShape: number[]
  params: number
  macs: number
  share: number
  branches: Branch[]
}

export interface GraphNode {
  id: string
  /** The layer's own name within its module. */
  name: string
  label: string
  kind: string
  macs: number
  params: number
  outputShape: number[]
  /** The module (stage) it belongs to, by the cost table's name (`Mixed_5b`); null for none. */
  group: string | null
  /** Part of an auxiliary head. */
  aux: boolean
}

export interface GraphEdge {
  from: string
  to: string
}

export interface ModelCost {
  model: string
  input: number[]
  classes: number
  aux: boolean
  params: number
  macs: number
  auxParams: number
  auxMacs: number
  outputShape: number[]
  blocks: BlockCost[]
  graph: { nodes: GraphNode[]; edges: GraphEdge[] }
}

/** One model of the zoo at its reference input (`GET /api/models`). */
export interface ModelSummary {
  name: string
  description: string
  input: number[]
  classes: number
  params: number
  macs: number
  hasAux: boolean
  takesBlock: boolean
}

export interface ModelQuery {
  input?: string
  classes?: number
  width?: number
  stem?: string
  block?: string
  aux?: boolean
}

export interface WorkerInfo {
  id: string
  node: string | null
  host: string | null
  devices: string[]
  slots: number
  /** The trials it runs now. */
  trials: string[]
  lastHeartbeat: number | null
}

/** One trial's curve of one metric as the bulk curves endpoint sends it (JSON or binary). */
export interface Curve {
  trial: string
  steps: number[]
  values: number[]
  /** Stored points (above `since`) the curve stands for. */
  count: number
  /** Whether it holds each bucket's min and max instead of every point. */
  downsampled: boolean
  /** The highest step stored; the next refresh's `since`. */
  lastStep: number | null
}

/** One metric of many trials of a sweep (`GET /api/sweeps/{id}/curves`), downsampled on the server. */
export interface CurveSet {
  metric: string
  curves: Curve[]
}

/** One `batch` message of `/api/events`. */
export interface StreamBatch {
  id: number | null
  metrics: MetricPoint[]
  trials: { id: string; sweep: string; state: TrialState; attempt: number }[]
  sweeps: { id: string; state: SweepState }[]
}

/** One validation problem of a 400 answer. */
export interface ErrorDetail {
  path: string
  message: string
}

/** What a sweep optimises: a metric and its better direction. */
export interface Objective {
  metric: string
  mode: 'max' | 'min'
}

/** Each searched parameter's share of an objective's variance (fANOVA), most important first. */
export interface Importance {
  objective: Objective
  method: string
  /** The completed trials it was computed from. */
  trials: number
  parameters: { name: string; importance: number }[]
}

/** The completed trials no other beats on every objective, best first objective first. */
export interface Front {
  objectives: Objective[]
  completed: number
  trials: { trial: string; index: number; values: number[]; params: Params }[]
}
