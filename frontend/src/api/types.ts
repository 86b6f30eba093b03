/** Domain types of the dashboard, converted from the wire JSON of INTERFACE.md by the client. */

export const TRIAL_STATES = [
  'queued',
  'running',
  'completed',
  'pruned',
  'failed',
  'cancelled',
] as const
export type TrialState = (typeof TRIAL_STATES)[number]
export const SWEEP_STATES = ['running', 'paused', 'completed', 'cancelled', 'failed'] as const
export type SweepState = (typeof SWEEP_STATES)[number]

export type Params = Record<string, unknown>

export interface Sweep {
  id: string
  name: string
  state: string
  dataset: string
  method: string
  counts: Record<string, number>
  total: number
  createdAt: number | null
  startedAt: number | null
  finishedAt: number | null
  spec: Params | null
}

export interface Attempt {
  attempt: number
  state: string
  worker: string | null
  startedAt: number | null
  finishedAt: number | null
  error: string | null
}

export interface Trial {
  id: string
  sweep: string
  state: string
  attempt: number
  failures: number
  params: Params
  attempts: Attempt[]
  final: Record<string, number>
  error: string | null
  worker: string | null
  startedAt: number | null
  finishedAt: number | null
}

export interface MetricPoint {
  trial: string
  name: string
  step: number
  epoch: number
  value: number
  attempt: number
  time: number | null
}

export interface ResultRow {
  trial: string
  state: string
  params: Params
  paramCount: number | null
  macs: number | null
  bestValAccuracy: number | null
  finalValAccuracy: number | null
  testAccuracy: number | null
  seconds: number | null
  imagesPerSec: number | null
}

export interface Branch {
  name: string
  params: number
  macs: number
  share: number
}

export interface BlockCost {
  name: string
  outputShape: number[]
  params: number
  macs: number
  branches: Branch[]
}

export interface GraphNode {
  id: string
  label: string
  op: string
  macs: number
  params: number
  outputShape: number[]
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
  graph: { nodes: GraphNode[]; edges: GraphEdge[] } | null
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
  node: string
  devices: string[]
  trials: string[]
  lastHeartbeat: number | null
  state: string
}

/** One `batch` message of `/api/events`. */
export interface StreamBatch {
  id: number | null
  metrics: MetricPoint[]
  trials: { id: string; sweep: string; state: string; attempt: number }[]
  sweeps: { id: string; state: string }[]
}

/** One validation problem of a 400 answer. */
export interface ErrorDetail {
  path: string
  message: string
}
