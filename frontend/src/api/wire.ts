/**
 * Conversion of wire JSON to domain types. Tolerant of absent fields (the server may add or omit
 * optional ones); every number and string is checked so the views never meet `undefined`.
 */
import type {
  Attempt,
  BlockCost,
  GraphEdge,
  GraphNode,
  MetricPoint,
  ModelCost,
  Params,
  ResultRow,
  StreamBatch,
  Sweep,
  Trial,
  WorkerInfo,
} from './types'

type Json = Record<string, unknown>

export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {}
}

export function arr(v: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(v)) return v
  const o = obj(v)
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as unknown[]
  return []
}

function pick(o: Json, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k]
  return undefined
}

export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return null
}

function str(v: unknown, d = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d
}

function time(v: unknown): number | null {
  if (typeof v === 'number') return v > 1e12 ? v : v * 1000
  if (typeof v === 'string') {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  return null
}

function nums(v: unknown): number[] {
  return Array.isArray(v) ? v.map((x) => num(x) ?? 0) : []
}

export function toSweep(v: unknown): Sweep {
  const o = obj(v)
  const spec = obj(pick(o, 'spec', 'file'))
  const countsRaw = obj(pick(o, 'counts', 'trialCounts'))
  const counts: Record<string, number> = {}
  for (const [k, c] of Object.entries(countsRaw)) counts[k] = num(c) ?? 0
  const sum = Object.values(counts).reduce((a, b) => a + b, 0)
  return {
    id: str(o.id),
    name: str(pick(o, 'name') ?? spec.name, str(o.id)),
    state: str(o.state, 'running'),
    dataset: str(pick(o, 'dataset') ?? spec.dataset),
    method: str(pick(o, 'method') ?? spec.method),
    counts,
    total: num(pick(o, 'total', 'trials', 'trialCount')) ?? sum,
    createdAt: time(pick(o, 'createdAt', 'created', 'submittedAt')),
    startedAt: time(pick(o, 'startedAt', 'started')),
    finishedAt: time(pick(o, 'finishedAt', 'finished', 'endedAt')),
    spec: Object.keys(spec).length ? spec : null,
  }
}

function toAttempt(v: unknown, i: number): Attempt {
  const o = obj(v)
  return {
    attempt: num(o.attempt) ?? i + 1,
    state: str(o.state),
    worker: str(pick(o, 'worker', 'node'), '') || null,
    startedAt: time(pick(o, 'startedAt', 'started')),
    finishedAt: time(pick(o, 'finishedAt', 'finished', 'endedAt')),
    error: str(pick(o, 'error', 'reason'), '') || null,
  }
}

function numberMap(v: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, x] of Object.entries(obj(v))) {
    const n = num(x)
    if (n !== null) out[k] = n
  }
  return out
}

export function toTrial(v: unknown): Trial {
  const o = obj(v)
  return {
    id: str(o.id),
    sweep: str(pick(o, 'sweep', 'sweepId')),
    state: str(o.state, 'queued'),
    attempt: num(o.attempt) ?? 1,
    failures: num(o.failures) ?? 0,
    params: obj(pick(o, 'parameters', 'config') ?? o.params) as Params,
    attempts: arr(o.attempts).map(toAttempt),
    final: numberMap(pick(o, 'final', 'metrics', 'result', 'results')),
    error: str(pick(o, 'error', 'reason'), '') || null,
    worker: str(pick(o, 'worker', 'node'), '') || null,
    startedAt: time(pick(o, 'startedAt', 'started')),
    finishedAt: time(pick(o, 'finishedAt', 'finished', 'endedAt')),
  }
}

export function toMetricPoint(v: unknown, trial?: string): MetricPoint | null {
  const o = obj(v)
  const step = num(o.step)
  const value = num(o.value)
  const name = str(o.name)
  if (step === null || value === null || !name) return null
  return {
    trial: str(pick(o, 'trial', 'trialId'), trial ?? ''),
    name,
    step,
    epoch: num(o.epoch) ?? 0,
    value,
    attempt: num(o.attempt) ?? 1,
    time: time(o.time),
  }
}

export function toResultRow(v: unknown): ResultRow {
  const o = obj(v)
  const parameters = obj(pick(o, 'parameters', 'config'))
  const paramsField = o.params
  const params: Params =
    Object.keys(parameters).length > 0
      ? parameters
      : typeof paramsField === 'object'
        ? obj(paramsField)
        : {}
  return {
    trial: str(pick(o, 'trial', 'id', 'trialId')),
    state: str(o.state),
    params,
    paramCount: num(pick(o, 'paramCount', 'parameterCount', 'numParams')) ?? num(paramsField),
    macs: num(o.macs),
    bestValAccuracy: num(pick(o, 'bestValAccuracy', 'best_val_accuracy', 'bestValidationAccuracy')),
    finalValAccuracy: num(
      pick(o, 'finalValAccuracy', 'final_val_accuracy', 'valAccuracy', 'finalValidationAccuracy'),
    ),
    testAccuracy: num(pick(o, 'testAccuracy', 'test_accuracy')),
    seconds: num(pick(o, 'seconds', 'durationSeconds', 'time')),
    imagesPerSec: num(pick(o, 'imagesPerSec', 'images_per_sec', 'imagesPerSecond')),
  }
}

function toGraph(v: unknown): ModelCost['graph'] {
  const o = obj(v)
  if (!Array.isArray(o.nodes)) return null
  const nodes: GraphNode[] = o.nodes.map((n, i) => {
    const x = obj(n)
    const id = str(pick(x, 'id', 'name'), String(i))
    return {
      id,
      label: str(pick(x, 'label', 'name'), id),
      op: str(pick(x, 'op', 'type', 'kind')),
      macs: num(x.macs) ?? 0,
      params: num(x.params) ?? 0,
      outputShape: nums(pick(x, 'outputShape', 'shape')),
    }
  })
  const edges: GraphEdge[] = arr(o.edges).map((e) => {
    if (Array.isArray(e)) return { from: str(e[0]), to: str(e[1]) }
    const x = obj(e)
    return { from: str(pick(x, 'from', 'source', 'src')), to: str(pick(x, 'to', 'target', 'dst')) }
  })
  return { nodes, edges }
}

function toBlock(v: unknown): BlockCost {
  const o = obj(v)
  return {
    name: str(o.name),
    outputShape: nums(o.outputShape),
    params: num(o.params) ?? 0,
    macs: num(o.macs) ?? 0,
    branches: arr(o.branches).map((b) => {
      const x = obj(b)
      return {
        name: str(x.name),
        params: num(x.params) ?? 0,
        macs: num(x.macs) ?? 0,
        share: num(x.share) ?? 0,
      }
    }),
  }
}

export function toModelCost(v: unknown): ModelCost {
  const o = obj(v)
  return {
    model: str(pick(o, 'model', 'name')),
    input: nums(o.input),
    classes: num(o.classes) ?? 0,
    aux: o.aux === true,
    params: num(o.params) ?? 0,
    macs: num(o.macs) ?? 0,
    auxParams: num(o.auxParams) ?? 0,
    auxMacs: num(o.auxMacs) ?? 0,
    outputShape: nums(o.outputShape),
    blocks: arr(o.blocks).map(toBlock),
    graph: toGraph(o.graph),
  }
}

export function toWorker(v: unknown): WorkerInfo {
  const o = obj(v)
  const devices = arr(pick(o, 'devices', 'slots')).map((d) =>
    typeof d === 'string' ? d : str(pick(obj(d), 'name', 'id', 'device')),
  )
  const trialsRaw = pick(o, 'trials', 'currentTrials', 'running')
  const trials = (Array.isArray(trialsRaw) ? trialsRaw : trialsRaw ? [trialsRaw] : []).map((t) =>
    typeof t === 'string' ? t : str(pick(obj(t), 'id', 'trial')),
  )
  return {
    id: str(pick(o, 'id', 'workerId', 'node')),
    node: str(pick(o, 'node', 'host', 'nodeId', 'id')),
    devices,
    trials,
    lastHeartbeat: time(pick(o, 'lastHeartbeat', 'heartbeat', 'lastSeen')),
    state: str(o.state, ''),
  }
}

/** Parses the `data:` of one SSE `batch` message. */
export function toStreamBatch(id: number | null, data: unknown): StreamBatch {
  const o = obj(data)
  return {
    id,
    metrics: arr(o.metrics)
      .map((m) => toMetricPoint(m))
      .filter((m): m is MetricPoint => m !== null && m.trial !== ''),
    trials: arr(o.trials).map((t) => {
      const x = obj(t)
      return {
        id: str(x.id),
        sweep: str(x.sweep),
        state: str(x.state),
        attempt: num(x.attempt) ?? 1,
      }
    }),
    sweeps: arr(o.sweeps).map((s) => {
      const x = obj(s)
      return { id: str(x.id), state: str(x.state) }
    }),
  }
}
