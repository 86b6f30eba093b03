/**
 * The one HTTP client of the dashboard. Every request goes through {@link request}, which turns
 * any failure (network, non-2xx, bad JSON, an answer off the contract of openapi.json) into an
 * {@link ApiError}; only the stores call it.
 */
import type { ErrorDetail, MetricPoint, ModelQuery, SweepEdit } from './types'
import {
  list,
  toControlResult,
  toCreated,
  toCurveSet,
  toDataset,
  toDeleted,
  toErrorBody,
  toFront,
  toImportance,
  toMetric,
  toMetricPoint,
  toModelCost,
  toModelSummary,
  toParameter,
  toResultRow,
  toSweep,
  toTrial,
  toWorker,
  WireError,
} from './wire'
import { CURVES_MEDIA_TYPE, decodeCurveSet } from './binaryCurves'

/** A failed API call: the server's message and its per-field details (paths as in the sweep file). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** A conditional request (If-None-Match) whose answer has not changed: 304, no body. */
export class NotModified extends Error {
  constructor() {
    super('not modified')
    this.name = 'NotModified'
  }
}

const BASE = '/api'

/**
 * The access token a server bound beyond loopback asks for: given once as `?token=` in the page
 * address, kept for the browser session, sent as a Bearer header.
 */
function token(): string | null {
  if (typeof window === 'undefined') return null
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  if (fromUrl) sessionStorage.setItem('inception.token', fromUrl)
  return sessionStorage.getItem('inception.token')
}

/** Headers every API call carries (the stream module uses them too). */
export function authHeaders(): Record<string, string> {
  const t = token()
  return t ? { Authorization: `Bearer ${t}` } : {}
}

/**
 * Calls the API and converts its JSON answer with `convert`. A failed call carries the server's
 * `{error, details}`; an answer that does not fit the document (a {@link WireError}) is reported
 * with the field it names.
 */
export async function request<T>(
  path: string,
  convert: (body: unknown) => T,
  init: RequestInit = {},
  onHeaders?: (headers: Headers) => void,
): Promise<T> {
  const { res, what } = await send(path, init, 'application/json', onHeaders)
  return readJson(res, what, convert)
}

/**
 * {@link request} for an endpoint that can answer in a binary form: asks for `binaryType` first
 * and decodes such an answer with `decode`; any other answer (an error, a server that only speaks
 * JSON) is read as JSON with `convert`.
 */
export async function requestBinary<T>(
  path: string,
  binaryType: string,
  decode: (bytes: ArrayBuffer) => T,
  convert: (body: unknown) => T,
  init: RequestInit = {},
  onHeaders?: (headers: Headers) => void,
): Promise<T> {
  const { res, what } = await send(path, init, `${binaryType}, application/json`, onHeaders)
  const type = (res.headers.get('Content-Type') ?? '').split(';')[0]!.trim()
  if (!res.ok || type !== binaryType) return readJson(res, what, convert)
  const bytes = await res.arrayBuffer()
  return onContract(what, res.status, () => decode(bytes))
}

async function send(
  path: string,
  init: RequestInit,
  accept: string,
  onHeaders?: (headers: Headers) => void,
): Promise<{ res: Response; what: string }> {
  const what = `${init.method ?? 'GET'} ${BASE}${path}`
  let res: Response
  try {
    res = await fetch(BASE + path, {
      ...init,
      headers: {
        Accept: accept,
        ...authHeaders(),
        ...(init.headers as Record<string, string>),
      },
    })
  } catch (e) {
    throw new ApiError(`cannot reach the server: ${(e as Error).message}`, 0)
  }
  onHeaders?.(res.headers)
  if (res.status === 304) throw new NotModified()
  return { res, what }
}

async function readJson<T>(res: Response, what: string, convert: (body: unknown) => T): Promise<T> {
  const text = await res.text()
  let body: unknown = undefined
  let parsed = false
  try {
    body = JSON.parse(text)
    parsed = true
  } catch {
    // reported below
  }
  if (!res.ok) {
    let error: { error: string; details: ErrorDetail[] } | null = null
    try {
      error = parsed ? toErrorBody(body) : null
    } catch {
      // not our error body (a proxy's page, say): the status line says what happened
    }
    throw new ApiError(
      error?.error || `${res.status} ${res.statusText || text}`.trim(),
      res.status,
      error?.details ?? [],
    )
  }
  if (!parsed) throw new ApiError(`bad JSON from ${what}`, res.status)
  return onContract(what, res.status, () => convert(body))
}

/** `read()`, with a {@link WireError} reported as an answer off the API contract. */
function onContract<T>(what: string, status: number, read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (e instanceof WireError)
      throw new ApiError(`the answer to ${what} is off the API contract: ${e.message}`, status)
    throw e
  }
}

export function query(q: Record<string, unknown>): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

const enc = encodeURIComponent

export const api = {
  /** Every sweep not archived (with `archived`, the archived ones too). */
  sweeps(archived = false) {
    return request(`/sweeps${query({ archived: archived || undefined })}`, (b) =>
      list(b, 'sweeps', toSweep),
    )
  },
  editSweep(id: string, edit: SweepEdit) {
    return request(`/sweeps/${enc(id)}`, (b) => toSweep(b), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(edit),
    })
  },
  /** Deletes a finished sweep and all its data (409 while it runs). */
  deleteSweep(id: string) {
    return request(`/sweeps/${enc(id)}`, toDeleted, { method: 'DELETE' })
  },
  sweep(id: string) {
    return request(`/sweeps/${enc(id)}`, (b) => toSweep(b))
  },
  /** Submits a sweep file (YAML text is sent as YAML, so the server sees exactly what the user typed). */
  async createSweep(yamlText: string): Promise<string> {
    const created = await request('/sweeps', toCreated, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yamlText,
    })
    return created.id
  },
  sweepAction(id: string, action: 'cancel' | 'pause' | 'resume') {
    return request(`/sweeps/${enc(id)}/${action}`, toControlResult, { method: 'POST' })
  },
  trials(sweepId: string) {
    return request(`/sweeps/${enc(sweepId)}/trials`, (b) => list(b, 'trials', toTrial))
  },
  trial(id: string) {
    return request(`/trials/${enc(id)}`, (b) => toTrial(b))
  },
  metrics(trialId: string, after?: number): Promise<MetricPoint[]> {
    return request(`/trials/${enc(trialId)}/metrics${query({ after })}`, (b) =>
      list(b, 'metrics', (m, at) => toMetricPoint(m, trialId, at)),
    )
  },
  /**
   * One metric of many trials of a sweep, downsampled on the server to about `points` buckets
   * per trial (each bucket's extremes kept); `trials` limits it to some of the sweep's trials.
   */
  curves(sweepId: string, metric: string, points: number, trials?: readonly string[]) {
    return requestBinary(
      `/sweeps/${enc(sweepId)}/curves${query({
        metric,
        points,
        trials: trials?.join(','),
        format: 'binary',
      })}`,
      CURVES_MEDIA_TYPE,
      (bytes) => decodeCurveSet(bytes),
      (b) => toCurveSet(b),
    )
  },
  retry(trialId: string) {
    return request(`/trials/${enc(trialId)}/retry`, (b) => toTrial(b), { method: 'POST' })
  },
  results(sweepId: string) {
    return request(`/sweeps/${enc(sweepId)}/results`, (b) => list(b, 'results', toResultRow))
  },
  /** Each searched parameter's importance for the sweep's objective number `objective`. */
  importance(sweepId: string, objective = 0) {
    return request(`/sweeps/${enc(sweepId)}/importance${query({ objective })}`, (b) =>
      toImportance(b),
    )
  },
  /** The Pareto front of the sweep's objectives. */
  front(sweepId: string) {
    return request(`/sweeps/${enc(sweepId)}/front`, (b) => toFront(b))
  },
  importanceCsvUrl(sweepId: string): string {
    return `${BASE}/sweeps/${enc(sweepId)}/importance.csv${query({ token: token() })}`
  },
  frontCsvUrl(sweepId: string): string {
    return `${BASE}/sweeps/${enc(sweepId)}/front.csv${query({ token: token() })}`
  },
  resultsCsvUrl(sweepId: string): string {
    return `${BASE}/sweeps/${enc(sweepId)}/results.csv${query({ token: token() })}`
  },
  /**
   * The sweep's self-contained report (GET /api/sweeps/{id}/report), for a download link: one HTML
   * page or Markdown, its results grouped by `groupBy` (the server's default: the first parameter
   * that varies).
   */
  sweepReportUrl(sweepId: string, format: 'html' | 'md', groupBy?: string): string {
    return `${BASE}/sweeps/${enc(sweepId)}/report${query({ format, groupBy, token: token() })}`
  },
  /** One attempt's log as text: whole, or its last `tail` bytes (a running attempt's live view). */
  async trialLog(trialId: string, attempt: number, tail?: number): Promise<string> {
    const path = `/trials/${enc(trialId)}/log${query({ attempt, tail })}`
    let res: Response
    try {
      res = await fetch(BASE + path, { headers: { Accept: 'text/plain', ...authHeaders() } })
    } catch (e) {
      throw new ApiError(`cannot reach the server: ${(e as Error).message}`, 0)
    }
    const text = await res.text()
    if (!res.ok) {
      let message = `${res.status} ${res.statusText}`.trim()
      try {
        message = toErrorBody(JSON.parse(text)).error
      } catch {
        // not our error body: the status line says what happened
      }
      throw new ApiError(message, res.status)
    }
    return text
  },
  /** The whole log of one attempt of a trial (text/plain), for a link. */
  trialLogUrl(trialId: string, attempt: number): string {
    return `${BASE}/trials/${enc(trialId)}/log${query({ attempt, token: token() })}`
  },
  eventsUrl(sweepId: string): string {
    return `${BASE}/events${query({ sweep: sweepId })}`
  },
  models() {
    return request('/models', (b) => list(b, 'models', toModelSummary))
  },
  model(name: string, q: ModelQuery = {}) {
    return request(`/models/${enc(name)}${query({ ...q })}`, (b) => toModelCost(b))
  },
  workers() {
    return request('/workers', (b) => list(b, 'workers', toWorker))
  },
  parameters() {
    return request('/parameters', (b) => list(b, 'parameters', toParameter))
  },
  datasets() {
    return request('/datasets', (b) => list(b, 'datasets', toDataset))
  },
  metricCatalog() {
    return request('/metrics', (b) => list(b, 'metrics', toMetric))
  },
}

export type Api = typeof api
