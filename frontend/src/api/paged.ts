/**
 * The typed client of the paged list endpoints and of the bulk curves endpoint (openapi.json:
 * SweepPage, TrialPage, ResultPage, CurveSet). Same error path as client.ts (one ApiError); a
 * conditional curves request whose answer has not changed resolves to `null`.
 *
 * Paging: `limit` rows per page (1–1000), `cursor` the previous page's `next` (opaque, only with the
 * same sort and filters), `sort` a column with an optional leading '-', filters `state` (any of
 * several) and, for trials and results, `param` (one parameter's exact value). Without any of them
 * the endpoints still answer the whole array (client.ts).
 */
import type { components } from './openapi'
import { CURVES_MEDIA_TYPE, decodeCurveSet } from './binaryCurves'
import { NotModified, query, request, requestBinary } from './client'
import type { Curve, ResultRow, Sweep, Trial } from './types'
import { expectShape, list, shape, toResultRow, toSweep, toTrial, WireError } from './wire'

type Schemas = components['schemas']

export type SweepSort = 'created' | 'updated' | 'name' | 'state'
export type TrialSort =
  | 'index'
  | 'state'
  | 'created'
  | 'params'
  | 'macs'
  | 'bestValAccuracy'
  | 'finalValAccuracy'
  | 'testAccuracy'
  | 'seconds'
  | 'imagesPerSec'

export interface PageQuery<S extends string> {
  limit: number
  cursor?: string | null
  /** A column, or `-column` for descending. */
  sort?: S | `-${S}`
  /** Only rows in these states. */
  states?: readonly string[]
}

export interface TrialPageQuery extends PageQuery<TrialSort> {
  /** Only trials whose parameter `name` is exactly `value`. */
  param?: { name: string; value: string | number | boolean }
}

export interface Page<T> {
  items: T[]
  /** The cursor of the next page; null on the last one. */
  next: string | null
  /** Rows matching the filters, over all pages. */
  total: number
}

export interface CurveSet {
  metric: string
  points: number
  since: number | null
  curves: Curve[]
  /** The answer's version: pass it back as `etag` to get `null` while nothing changed. */
  etag: string | null
}

export interface CurvesQuery {
  metric: string
  /** Buckets per trial (the chart's width in px, 1–5000): at most 2·points points per trial. */
  points: number
  /** Only steps above this (a refresh: the smallest lastStep of the previous answer). */
  since?: number
  /** Only these trials (default: every trial of the sweep). */
  trials?: readonly string[]
  /** The previous answer's etag. */
  etag?: string | null
}

const PAGE = shape<Schemas['SweepPage']>({ items: 'array', next: 'string | null', total: 'number' })
const CURVE_SET = shape<Schemas['CurveSet']>({
  metric: 'string',
  points: 'number',
  since: 'number | null',
  trials: 'array',
})
const CURVE = shape<Schemas['Curve']>({
  trial: 'string',
  steps: 'array',
  values: 'array',
  count: 'number',
  downsampled: 'boolean',
  lastStep: 'number | null',
})

function toPage<T>(v: unknown, where: string, item: (x: unknown, where: string) => T): Page<T> {
  const w = expectShape(v, PAGE, where)
  return { items: list(w.items, `${where}.items`, item), next: w.next, total: w.total }
}

function numbers(v: unknown[], where: string): number[] {
  for (let i = 0; i < v.length; i++)
    if (typeof v[i] !== 'number') throw new WireError(`${where}[${i}]`, 'expected number')
  return v as number[]
}

export function toCurveSet(v: unknown, etag: string | null, where = 'curves'): CurveSet {
  const w = expectShape(v, CURVE_SET, where)
  const curves = list(w.trials, `${where}.trials`, (x, at) => {
    const c = expectShape(x, CURVE, at)
    const steps = numbers(c.steps, `${at}.steps`)
    const values = numbers(c.values, `${at}.values`)
    if (steps.length !== values.length)
      throw new WireError(at, `${steps.length} steps but ${values.length} values`)
    return { ...c, steps, values }
  })
  return { metric: w.metric, points: w.points, since: w.since, curves, etag }
}

const enc = encodeURIComponent

function listQuery(q: PageQuery<string> & { param?: TrialPageQuery['param'] }): string {
  return query({
    limit: q.limit,
    cursor: q.cursor,
    sort: q.sort,
    state: q.states?.length ? q.states.join(',') : undefined,
    param: q.param ? `${q.param.name}:${String(q.param.value)}` : undefined,
  })
}

export const paged = {
  /** A page of sweeps; the archived ones only with `archived`. */
  sweeps(q: PageQuery<SweepSort> & { archived?: boolean }): Promise<Page<Sweep>> {
    const archived = q.archived ? '&archived=true' : ''
    return request(`/sweeps${listQuery(q)}${archived}`, (b) => toPage(b, 'sweeps', toSweep))
  },
  trials(sweepId: string, q: TrialPageQuery): Promise<Page<Trial>> {
    return request(`/sweeps/${enc(sweepId)}/trials${listQuery(q)}`, (b) =>
      toPage(b, 'trials', toTrial),
    )
  },
  results(sweepId: string, q: TrialPageQuery): Promise<Page<ResultRow>> {
    return request(`/sweeps/${enc(sweepId)}/results${listQuery(q)}`, (b) =>
      toPage(b, 'results', toResultRow),
    )
  },
  /**
   * One metric of many trials, downsampled on the server. Resolves to null when `etag` names the
   * current answer (nothing changed).
   */
  async curves(sweepId: string, q: CurvesQuery): Promise<CurveSet | null> {
    let etag: string | null = null
    const path = `/sweeps/${enc(sweepId)}/curves${query({
      metric: q.metric,
      points: q.points,
      since: q.since,
      trials: q.trials?.length ? q.trials.join(',') : undefined,
      format: 'binary',
    })}`
    try {
      const set = await requestBinary(
        path,
        CURVES_MEDIA_TYPE,
        (bytes) => ({ ...decodeCurveSet(bytes), etag: null }),
        (b) => toCurveSet(b, null),
        { headers: q.etag ? { 'If-None-Match': q.etag } : {} },
        (h) => (etag = h.get('ETag')),
      )
      return { ...set, etag }
    } catch (e) {
      if (e instanceof NotModified) return null
      throw e
    }
  },
}

/** Every page of a list, fetched one after another (`next` to `next`). */
export async function* allPages<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
): AsyncGenerator<Page<T>> {
  let cursor: string | null = null
  do {
    const page: Page<T> = await fetchPage(cursor)
    yield page
    cursor = page.next
  } while (cursor !== null)
}
