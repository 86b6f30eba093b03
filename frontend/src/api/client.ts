/**
 * The one HTTP client of the dashboard. Every request goes through {@link request}, which turns
 * any failure (network, non-2xx, bad JSON) into an {@link ApiError}; only the stores call it.
 */
import type { ErrorDetail, ModelQuery } from './types'
import {
  arr,
  obj,
  toMetricPoint,
  toModelCost,
  toResultRow,
  toSweep,
  toTrial,
  toWorker,
} from './wire'
import type { MetricPoint } from './types'

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

async function request(path: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(BASE + path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...authHeaders(),
        ...(init.headers as Record<string, string>),
      },
    })
  } catch (e) {
    throw new ApiError(`cannot reach the server: ${(e as Error).message}`, 0)
  }
  const text = await res.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      if (res.ok) throw new ApiError(`bad JSON from ${path}`, res.status)
    }
  }
  if (!res.ok) {
    const o = obj(body)
    const details = arr(o.details).map((d) => {
      const x = obj(d)
      return { path: String(x.path ?? ''), message: String(x.message ?? '') }
    })
    const message =
      typeof o.error === 'string' && o.error ? o.error : `${res.status} ${res.statusText || text}`
    throw new ApiError(message, res.status, details)
  }
  return body
}

function query(q: Record<string, unknown>): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

const enc = encodeURIComponent

export const api = {
  async sweeps() {
    return arr(await request('/sweeps'), 'sweeps', 'items').map(toSweep)
  },
  async sweep(id: string) {
    return toSweep(await request(`/sweeps/${enc(id)}`))
  },
  /** Submits a sweep file (YAML text is sent as YAML, so the server sees exactly what the user typed). */
  async createSweep(yamlText: string): Promise<string> {
    const body = await request('/sweeps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yamlText,
    })
    return String(obj(body).id)
  },
  async sweepAction(id: string, action: 'cancel' | 'pause' | 'resume') {
    await request(`/sweeps/${enc(id)}/${action}`, { method: 'POST' })
  },
  async trials(sweepId: string) {
    return arr(await request(`/sweeps/${enc(sweepId)}/trials`), 'trials', 'items').map(toTrial)
  },
  async trial(id: string) {
    return toTrial(await request(`/trials/${enc(id)}`))
  },
  async metrics(trialId: string, after?: number): Promise<MetricPoint[]> {
    const body = await request(`/trials/${enc(trialId)}/metrics${query({ after })}`)
    return arr(body, 'metrics', 'points', 'items')
      .map((m) => toMetricPoint(m, trialId))
      .filter((m): m is MetricPoint => m !== null)
  },
  async retry(trialId: string) {
    await request(`/trials/${enc(trialId)}/retry`, { method: 'POST' })
  },
  async results(sweepId: string) {
    return arr(await request(`/sweeps/${enc(sweepId)}/results`), 'results', 'rows', 'trials').map(
      toResultRow,
    )
  },
  resultsCsvUrl(sweepId: string): string {
    return `${BASE}/sweeps/${enc(sweepId)}/results.csv${query({ token: token() })}`
  },
  eventsUrl(sweepId: string): string {
    return `${BASE}/events${query({ sweep: sweepId })}`
  },
  async models() {
    return arr(await request('/models'), 'models', 'items').map(toModelCost)
  },
  async model(name: string, q: ModelQuery = {}) {
    return toModelCost(await request(`/models/${enc(name)}${query({ ...q })}`))
  },
  async workers() {
    return arr(await request('/workers'), 'workers', 'nodes', 'items').map(toWorker)
  },
}

export type Api = typeof api
