import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  toDataset,
  toMetric,
  toMetricPoint,
  toParameter,
  toResultRow,
  toStreamBatch,
  toSweep,
  toTrial,
  WireError,
} from '@/api/wire'
import { api, ApiError } from '@/api/client'
import {
  DATASETS,
  METRICS,
  PARAMETERS,
  stubServer,
  wireAttempt,
  wireResultRow,
  wireSweep,
  wireTrial,
} from './fixtures'

/** A JSON object with one field renamed (as an older or drifted server would send it). */
function renamed(o: object, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...o }
  out[to] = out[from]
  delete out[from]
  return out
}

describe('wire conversion of the schemas of openapi.json', () => {
  it('converts a trial with its attempts, every field from its own name', () => {
    const json = wireTrial({
      state: 'completed',
      attempt: 2,
      failures: 1,
      attempts: [
        wireAttempt({
          attempt: 1,
          worker: 'node-a/worker-0',
          device: 'gpu:1',
          started: '2026-11-26T15:00:00Z',
          ended: '2026-11-26T15:00:40Z',
          outcome: 'crashed',
          error: 'trial process exited with status 134',
          logTail: 'step 120 loss 1.93\nSIGABRT\n',
          log: '/w/t1/attempt-1.log',
        }),
        wireAttempt({ attempt: 2, worker: 'node-b/worker-0', device: 'cpu', outcome: 'completed' }),
      ],
    })
    // as the server sends it: through JSON text
    const t = toTrial(JSON.parse(JSON.stringify(json)))
    expect(t).toMatchObject({
      id: 't1',
      sweep: 's1',
      index: 0,
      state: 'completed',
      attempt: 2,
      failures: 1,
      params: { model: 'googlenet', block: 'reduced', epochs: 2 },
      paramCount: 1_234_567,
      macs: 45_600_000,
      bestValAccuracy: 0.9123,
      finalValAccuracy: 0.91,
      testAccuracy: 0.905,
      seconds: 150,
      imagesPerSec: 812.5,
      startedAt: Date.UTC(2026, 10, 26, 15, 0, 0),
      finishedAt: Date.UTC(2026, 10, 26, 15, 2, 30),
    })
    expect(t.attempts).toHaveLength(2)
    expect(t.attempts[0]).toEqual({
      attempt: 1,
      worker: 'node-a/worker-0',
      device: 'gpu:1',
      startedAt: Date.UTC(2026, 10, 26, 15, 0, 0),
      endedAt: Date.UTC(2026, 10, 26, 15, 0, 40),
      outcome: 'crashed',
      error: 'trial process exited with status 134',
      logTail: 'step 120 loss 1.93\nSIGABRT\n',
      logPath: '/w/t1/attempt-1.log',
    })
    expect(t.attempts[1]!.device).toBe('cpu')
  })

  it('keeps a running attempt’s nulls (no end, no outcome yet)', () => {
    const t = toTrial(
      wireTrial({
        state: 'running',
        finished: null,
        attempts: [wireAttempt({ ended: null, outcome: null, logTail: null })],
      }),
    )
    expect(t.finishedAt).toBeNull()
    expect(t.attempts[0]).toMatchObject({ endedAt: null, outcome: null, logTail: null })
  })

  it('converts a results row with its error, a sweep and a metric point', () => {
    const r = toResultRow(wireResultRow({ state: 'failed', error: 'diverged: loss is NaN' }))
    expect(r).toMatchObject({
      trial: 't1',
      state: 'failed',
      params: { model: 'googlenet', block: 'reduced' },
      paramCount: 1_234_567,
      bestValAccuracy: 0.9123,
      seconds: 150,
      rung: 2,
      error: 'diverged: loss is NaN',
    })
    const s = toSweep(wireSweep({ counts: { completed: 1, running: 1 } }))
    expect(s).toMatchObject({
      id: 's1',
      name: 'demo',
      state: 'running',
      dataset: 'synthetic-shapes',
      method: 'grid',
      total: 2,
      counts: { completed: 1, running: 1 },
      createdAt: Date.UTC(2026, 10, 26, 14, 59, 0),
    })
    // a TPE sweep proposes its trials one by one: heading for maxTrials until it ends
    const tpe = (state: 'running' | 'completed') =>
      toSweep(
        wireSweep({
          state,
          spec: { ...wireSweep().spec, method: 'tpe', maxTrials: 12 },
          trials: 3,
          counts: { completed: 2, running: 1 },
        }),
      )
    expect(tpe('running').total).toBe(12)
    expect(tpe('completed').total).toBe(3)
    const p = toMetricPoint(
      { name: 'train_loss', step: 3, epoch: 0, value: null, attempt: 1, time: null },
      't1',
    )
    expect(p).toEqual({
      trial: 't1',
      name: 'train_loss',
      step: 3,
      epoch: 0,
      value: null,
      attempt: 1,
      time: null,
    })
  })

  it('passes the catalogs through as served', () => {
    expect(PARAMETERS.map((p) => toParameter(p))).toEqual(PARAMETERS)
    expect(DATASETS.map((d) => toDataset(d))).toEqual(DATASETS)
    expect(METRICS.map((m) => toMetric(m))).toEqual(METRICS)
  })

  it('refuses the old aliases, naming the field the contract wants', () => {
    // each of these was once accepted as a fallback spelling
    expect(() =>
      toResultRow(renamed(wireResultRow(), 'bestValAccuracy', 'best_val_accuracy')),
    ).toThrow(/^resultRow\.bestValAccuracy: expected number \| null, got nothing/)
    expect(() => toResultRow(renamed(wireResultRow(), 'seconds', 'durationSeconds'))).toThrow(
      'resultRow.seconds',
    )
    const trial = wireTrial()
    const attempt = renamed(trial.attempts[0]!, 'ended', 'endedAt')
    expect(() => toTrial({ ...trial, attempts: [attempt] })).toThrow(
      /^trial\.attempts\[0\]\.ended: expected string \| null/,
    )
    expect(() => toTrial(renamed(trial, 'parameters', 'config'))).toThrow('trial.parameters')
    expect(() => toSweep(renamed(wireSweep(), 'created', 'createdAt'))).toThrow('sweep.created')
  })

  it('refuses wrong types and shapes with the field and what came', () => {
    const bad = { ...wireTrial(), macs: '45600000' }
    let err: unknown
    try {
      toTrial(bad)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(WireError)
    expect((err as WireError).field).toBe('trial.macs')
    expect((err as WireError).message).toBe(
      'trial.macs: expected number | null, got string "45600000"',
    )
    expect(() => toDataset({ ...DATASETS[2]!, shape: [28, 28] })).toThrow(
      'dataset.shape: expected [C, H, W], got 2 numbers',
    )
    expect(() => toTrial({ ...wireTrial(), started: 'yesterday' })).toThrow(
      'trial.started: expected an ISO-8601 time',
    )
  })

  it('refuses an off-contract stream batch, naming the item', () => {
    const point = { name: 'train_loss', step: 1, epoch: 0, value: 2, attempt: 1, time: null }
    expect(() =>
      toStreamBatch(1, { metrics: [{ ...point, trial: 't1' }], trials: [], sweeps: [] }),
    ).toThrow('batch.metrics[0].sweep')
    const b = toStreamBatch(2, {
      metrics: [{ ...point, trial: 't1', sweep: 's1' }],
      trials: [{ id: 't1', sweep: 's1', state: 'running', attempt: 1 }],
      sweeps: [{ id: 's1', state: 'running' }],
    })
    expect(b.metrics[0]).toMatchObject({ trial: 't1', name: 'train_loss', value: 2 })
    expect(b.trials[0]!.state).toBe('running')
  })
})

describe('the client’s one error path', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('reports an off-contract answer as an ApiError naming the field', async () => {
    const { attempts: _dropped, ...noAttempts } = wireTrial()
    void _dropped
    stubServer({ '/api/trials/t1': noAttempts })
    const e = await api.trial('t1').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).message).toBe(
      'the answer to GET /api/trials/t1 is off the API contract: trial.attempts: expected array, got nothing (the field is missing)',
    )
  })

  it('names the item of a list that is off the contract', async () => {
    stubServer({ '/api/datasets': [DATASETS[0], { ...DATASETS[1], classes: null }] })
    await expect(api.datasets()).rejects.toThrow('datasets[1].classes: expected number')
  })

  it('carries the server’s error and details on a refusal', async () => {
    stubServer({
      '/api/sweeps': () =>
        new Response(
          JSON.stringify({
            error: 'invalid sweep',
            details: [{ path: 'parameters.width', message: 'too wide' }],
          }),
          { status: 400 },
        ),
    })
    const e = (await api.createSweep('name: x').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(400)
    expect(e.message).toBe('invalid sweep')
    expect(e.details).toEqual([{ path: 'parameters.width', message: 'too wide' }])
  })
})
