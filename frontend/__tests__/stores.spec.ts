import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useLiveStore } from '@/stores/live'
import { emptySeries, upsertPoint, upsertPoints, useMetricsStore } from '@/stores/metrics'
import { useTrialsStore } from '@/stores/trials'
import { useSweepsStore } from '@/stores/sweeps'
import { toStreamBatch, toSweep, toTrial } from '@/api/wire'
import { wireSweep, wireTrial } from './fixtures'

const point = (trial: string, name: string, step: number, value: number, attempt = 1) => ({
  trial,
  sweep: 's1',
  name,
  step,
  epoch: 0,
  value,
  attempt,
  time: '2026-11-26T15:00:00Z',
})

/** A stream batch as the server sends it (all three lists, empty where nothing happened). */
const batch = (id: number, data: { metrics?: unknown[]; trials?: unknown[]; sweeps?: unknown[] }) =>
  toStreamBatch(id, { metrics: [], trials: [], sweeps: [], ...data })

describe('stores fed by stream batches', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useTrialsStore().put([
      toTrial(wireTrial({ id: 't1', state: 'queued', parameters: { model: 'googlenet' } })),
      toTrial(wireTrial({ id: 't2', state: 'queued', parameters: { model: 'bn-inception' } })),
    ])
    useSweepsStore().byId.set('s1', toSweep(wireSweep({ counts: { queued: 2 } })))
    useLiveStore().sweepId = 's1'
  })

  it('versions each metric apart, so a panel of another metric does not redraw', () => {
    const metrics = useMetricsStore()
    const loss = metrics.metricRevision('train_loss')
    const acc = metrics.metricRevision('val_accuracy')
    useLiveStore().apply([batch(1, { metrics: [point('t1', 'train_loss', 0, 2.3)] })])
    expect(metrics.metricRevision('train_loss')).not.toBe(loss)
    expect(metrics.metricRevision('val_accuracy')).toBe(acc)
    metrics.clear()
    expect(metrics.metricRevision('val_accuracy')).not.toBe(acc)
  })

  it('stores every point once, in step order, across batches and out-of-order arrivals', () => {
    const live = useLiveStore()
    const metrics = useMetricsStore()
    live.apply([
      batch(1, {
        metrics: [point('t1', 'train_loss', 0, 2.3), point('t1', 'train_loss', 20, 1.9)],
      }),
      batch(2, {
        metrics: [
          point('t1', 'train_loss', 10, 2.1),
          point('t1', 'train_loss', 20, 1.8),
          point('t2', 'val_accuracy', 1, 0.4),
        ],
      }),
    ])
    const s = metrics.series('t1', 'train_loss')!
    expect(s.steps).toEqual([0, 10, 20])
    expect(s.values).toEqual([2.3, 2.1, 1.8]) // step 20 replaced, step 10 inserted
    expect(metrics.series('t2', 'val_accuracy')!.values).toEqual([0.4])
    expect(metrics.names).toEqual(['train_loss', 'val_accuracy'])
    expect(live.lastEventId).toBe('2')
  })

  it('bumps the revision once per applied delivery and names the trials that changed', () => {
    const live = useLiveStore()
    const metrics = useMetricsStore()
    const before = metrics.revision
    live.apply([batch(3, { metrics: [point('t2', 'train_loss', 0, 1)] })])
    expect(metrics.revision).toBe(before + 1)
    expect([...metrics.changed]).toEqual(['t2'])
    // a repeated point changes nothing
    live.apply([batch(4, { metrics: [point('t2', 'train_loss', 0, 1)] })])
    expect(metrics.revision).toBe(before + 1)
  })

  it('keeps, per step, the point of the newest attempt, as the server stores them', () => {
    const live = useLiveStore()
    const metrics = useMetricsStore()
    live.apply([
      batch(1, {
        metrics: [point('t1', 'train_loss', 0, 2), point('t1', 'train_loss', 10, 1.5)],
      }),
    ])
    // attempt 2 resumes from a checkpoint at step 10: step 0 stays attempt 1's
    live.apply([
      batch(2, {
        metrics: [point('t1', 'train_loss', 10, 1.4, 2), point('t1', 'train_loss', 20, 1.2, 2)],
      }),
    ])
    // a late point of attempt 1 does not overwrite attempt 2's
    live.apply([batch(3, { metrics: [point('t1', 'train_loss', 20, 9, 1)] })])
    const s = metrics.series('t1', 'train_loss')!
    expect(s.attempt).toBe(2)
    expect(s.steps).toEqual([0, 10, 20])
    expect(s.values).toEqual([2, 1.4, 1.2])
    expect(s.attempts).toEqual([1, 2, 2])
  })

  it('applies trial and sweep states and recounts the sweep', () => {
    const live = useLiveStore()
    live.apply([
      batch(5, {
        trials: [
          { id: 't1', sweep: 's1', state: 'running', attempt: 1 },
          { id: 't2', sweep: 's1', state: 'pruned', attempt: 1 },
        ],
      }),
      batch(6, {
        trials: [{ id: 't1', sweep: 's1', state: 'completed', attempt: 1 }],
        sweeps: [{ id: 's1', state: 'completed' }],
      }),
    ])
    const trials = useTrialsStore()
    expect(trials.byId.get('t1')!.state).toBe('completed')
    expect(trials.byId.get('t2')!.state).toBe('pruned')
    const sweep = useSweepsStore().byId.get('s1')!
    expect(sweep.state).toBe('completed')
    expect(sweep.counts).toEqual({ completed: 1, pruned: 1 })
    useLiveStore().disconnect()
  })

  it('leaves a point without a value (a diverged step) out of the curve', () => {
    const metrics = useMetricsStore()
    useLiveStore().apply([
      batch(9, {
        metrics: [
          point('t1', 'train_loss', 0, 2),
          { ...point('t1', 'train_loss', 1, 0), value: null },
        ],
      }),
    ])
    expect(metrics.series('t1', 'train_loss')!.steps).toEqual([0])
  })
})

describe('upsertPoints', () => {
  const mk = (step: number, value: number, attempt = 1) => ({
    trial: 't',
    name: 'm',
    step,
    epoch: 0,
    value,
    attempt,
    time: null,
  })

  function both(first: ReturnType<typeof mk>[], second: ReturnType<typeof mk>[]) {
    const a = emptySeries()
    const b = emptySeries()
    upsertPoints(a, first)
    upsertPoints(a, second)
    for (const p of [...first, ...second]) upsertPoint(b, p)
    expect(a.steps).toEqual(b.steps)
    expect(a.values).toEqual(b.values)
    expect(a.attempts).toEqual(b.attempts)
    return a
  }

  it('merges a long history under live points exactly as point-by-point insertion does', () => {
    const a = both(
      [mk(500, 5), mk(501, 5.01), mk(3, 99)],
      Array.from({ length: 600 }, (_, i) => mk(i, i / 100)),
    )
    expect(a.steps).toHaveLength(600)
    expect(a.values[3]).toBe(0.03) // the later point of a step wins
  })

  it('merges mixed attempts as point-by-point insertion does', () => {
    const live = Array.from({ length: 80 }, (_, i) => mk(i * 2, 2, 2))
    const history = Array.from({ length: 200 }, (_, i) => mk(i, 1, 1))
    const a = both(live, history)
    expect(a.steps).toHaveLength(200)
    expect(a.values[0]).toBe(2) // attempt 2 kept at even steps below 160
    expect(a.values[1]).toBe(1)
    expect(a.values[199]).toBe(1)
  })
})

describe('bulk curves', () => {
  beforeEach(() => setActivePinia(createPinia()))

  const bulkPoint = (trial: string, step: number, value: number) => ({
    trial,
    name: 'train_loss',
    step,
    epoch: NaN,
    value,
    attempt: 0,
    time: null,
  })

  it('stores them as ingesting their points one by one does, and live points still win', () => {
    const curves = [
      { trial: 'a', steps: [1, 5, 9], values: [3, 2, 1] },
      { trial: 'b', steps: [2], values: [7] },
      { trial: 'c', steps: [], values: [] },
    ]
    const fast = useMetricsStore()
    // b already has a live point (attempt 1) at step 2: it is kept over the bulk one
    fast.ingest([{ ...bulkPoint('b', 2, 9), attempt: 1, epoch: 0, time: 5 }])
    const revision = fast.revision
    expect(fast.ingestCurves('train_loss', curves)).toBe(1) // b merged nothing new
    expect(fast.revision).toBe(revision + 1)

    setActivePinia(createPinia())
    const slow = useMetricsStore()
    slow.ingest([{ ...bulkPoint('b', 2, 9), attempt: 1, epoch: 0, time: 5 }])
    slow.ingest(curves.flatMap((c) => c.steps.map((s, i) => bulkPoint(c.trial, s, c.values[i]!))))

    for (const t of ['a', 'b', 'c']) {
      const f = fast.series(t, 'train_loss')
      const s = slow.series(t, 'train_loss')
      expect(f && { ...f, rev: 0 }).toEqual(s && { ...s, rev: 0 })
    }
    expect(fast.series('b', 'train_loss')!.values).toEqual([9])
    expect(fast.names).toEqual(['train_loss'])
    // the arrays are the store's own: the caller's are left alone
    fast.ingest([{ ...bulkPoint('a', 11, 0.5), attempt: 1, epoch: 1, time: 6 }])
    expect(curves[0]!.steps).toEqual([1, 5, 9])
  })
})
