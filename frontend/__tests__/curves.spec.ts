import { describe, expect, it } from 'vitest'
import { groupColor, trialColor, trialHue } from '@/lib/colors'
import { aggregate, groupBy, stats, unionXs, valueAt } from '@/lib/grouping'
import { bestOf, optimisationHistory, rungEpochs } from '@/lib/history'
import { nearestIndex, pointsAt, snapX } from '@/lib/snap'
import { Buckets, CurveView } from '@/lib/curveView'
import { configRows } from '@/lib/compare'
import { sweepObjective } from '@/lib/objective'
import { defaultPanels } from '@/lib/charts'
import { emaSmooth } from '@/lib/smoothing'
import { emptySeries, upsertPoint, upsertPoints, type ValuedPoint } from '@/stores/metrics'
import { METRICS } from './fixtures'
import type { Trial } from '@/api/types'

const hueDistance = (a: number, b: number) => {
  const d = Math.abs(a - b) % 360
  return Math.min(d, 360 - d)
}

describe('trial colours', () => {
  it('are a function of the trial id alone', () => {
    expect(trialColor('s1-t003')).toBe(trialColor('s1-t003'))
    expect(trialColor('s1-t003', 0.5)).toMatch(/, 0\.5\)$/)
  })

  it('spread the trials of one sweep far apart on the hue circle', () => {
    const hues = Array.from({ length: 12 }, (_, i) =>
      trialHue(`sweep-ab12-t${String(i).padStart(3, '0')}`),
    )
    let min = 360
    for (let i = 0; i < hues.length; i++)
      for (let j = i + 1; j < hues.length; j++) min = Math.min(min, hueDistance(hues[i]!, hues[j]!))
    // 12 golden-angle steps keep at least ~20° between any two (evenly spread would be 30°)
    expect(min).toBeGreaterThan(15)
  })

  it('differ between sweeps for the same index, and between groups', () => {
    expect(trialColor('a-t000')).not.toBe(trialColor('b-t000'))
    expect(groupColor(0)).not.toBe(groupColor(1))
  })
})

describe('group-by', () => {
  const trial = (id: string, params: Record<string, unknown>) => ({ id, params })

  it('groups trials by a parameter’s value, ordered by value (numbers numerically)', () => {
    const g = groupBy(
      [trial('a', { lr: 0.1 }), trial('b', { lr: 0.01 }), trial('c', { lr: 0.1 }), trial('d', {})],
      'lr',
    )
    expect(g.map((x) => x.value)).toEqual([0.01, 0.1, undefined])
    expect(g[1]!.members.map((t) => t.id)).toEqual(['a', 'c'])
  })

  it('computes mean, min–max and the population standard deviation', () => {
    expect(stats([1, 2, 3, 6], 'minmax')).toEqual({ mean: 3, lo: 1, hi: 6, n: 4 })
    const s = stats([1, 2, 3, 6], 'std')
    // numpy.std([1, 2, 3, 6]) = sqrt(3.5)
    expect(s.lo).toBeCloseTo(3 - Math.sqrt(3.5), 12)
    expect(s.hi).toBeCloseTo(3 + Math.sqrt(3.5), 12)
    expect(stats([NaN, 4], 'minmax')).toEqual({ mean: 4, lo: 4, hi: 4, n: 1 })
    expect(stats([], 'std').n).toBe(0)
  })

  it('reads a member at its own points, between them on the line, and not beyond its end', () => {
    const c = { xs: [0, 10, 20], ys: [1, 3, 2] }
    expect(valueAt(c, 10)).toBe(3)
    expect(valueAt(c, 5)).toBe(2)
    expect(valueAt(c, 15)).toBe(2.5)
    expect(valueAt(c, 21)).toBeNaN()
    expect(valueAt({ xs: [], ys: [] }, 0)).toBeNaN()
  })

  it('aggregates members on the union of their steps; a shorter member stops counting', () => {
    const a = { xs: [0, 10, 20], ys: [2, 1, 0.5] }
    const b = { xs: [0, 10], ys: [4, 3] }
    expect(unionXs([a, b])).toEqual([0, 10, 20])
    const g = aggregate([a, b], 'minmax')
    expect(g.mean).toEqual([3, 2, 0.5])
    expect(g.lo).toEqual([2, 1, 0.5])
    expect(g.hi).toEqual([4, 3, 0.5])
    expect(g.n).toEqual([2, 2, 1])
  })
})

describe('optimisation history', () => {
  const e = (
    id: string,
    state: string,
    finishedAt: number | null,
    value: number | null,
    rung: number | null = null,
  ) => ({
    id,
    state,
    finishedAt,
    value,
    rung,
  })

  it('orders finished trials by when they ended and keeps the best completed value so far', () => {
    const h = optimisationHistory(
      [
        e('t2', 'completed', 300, 0.7),
        e('t0', 'completed', 100, 0.5),
        e('t1', 'pruned', 200, 0.9, 0), // pruned: marked, but not a best
        e('t3', 'completed', 400, 0.6),
        e('t4', 'failed', 150, 0.99),
        e('t5', 'running', null, 0.3),
        e('t6', 'cancelled', 500, null),
      ],
      'max',
    )
    expect(h.map((p) => p.id)).toEqual(['t0', 't1', 't2', 't3'])
    expect(h.map((p) => p.n)).toEqual([1, 2, 3, 4])
    expect(h.map((p) => p.best)).toEqual([0.5, 0.5, 0.7, 0.7])
    expect(h.map((p) => p.improved)).toEqual([true, false, true, false])
    expect(h[1]!.rung).toBe(0)
    expect(h[0]!.rung).toBeNull()
  })

  it('minimises when asked, and a pruned trial first has no best', () => {
    const h = optimisationHistory(
      [e('a', 'pruned', 1, 0.2, 1), e('b', 'completed', 2, 0.4), e('c', 'completed', 3, 0.3)],
      'min',
    )
    expect(h.map((p) => p.best)).toEqual([null, 0.4, 0.3])
  })

  it('knows the epochs of a rung and the best of a series', () => {
    expect(rungEpochs(0, 1, 3)).toBe(1)
    expect(rungEpochs(2, 1, 3)).toBe(9)
    expect(bestOf([0.2, NaN, 0.5, 0.4], 'max')).toBe(0.5)
    expect(bestOf([0.2, 0.5, 0.1], 'min')).toBe(0.1)
    expect(bestOf([], 'max')).toBeNaN()
  })
})

describe('snapping to real points', () => {
  it('finds the nearest index (ties to the left)', () => {
    const xs = [0, 10, 20, 30]
    expect(nearestIndex(xs, 14)).toBe(1)
    expect(nearestIndex(xs, 15)).toBe(1)
    expect(nearestIndex(xs, 16)).toBe(2)
    expect(nearestIndex(xs, -5)).toBe(0)
    expect(nearestIndex(xs, 99)).toBe(3)
    expect(nearestIndex([], 1)).toBe(-1)
  })

  it('snaps the pointer to the nearest x of any curve, and picks each curve’s point there', () => {
    const a = [0, 10, 20]
    const b = [5, 15, 25]
    expect(snapX([a, b], 13)).toBe(15)
    expect(snapX([[], []], 13)).toBeNull()
    // at x = 15 only b has a point; a's nearest (10 or 20) is beyond a tolerance of 2
    expect(pointsAt([a, b], 15, 2)).toEqual([-1, 1])
    expect(pointsAt([a, b], 15, 5)).toEqual([1, 1])
  })
})

const pt = (step: number, value: number, epoch = 1, attempt = 1): ValuedPoint => ({
  trial: 't',
  name: 'train_loss',
  step,
  epoch,
  value,
  attempt,
  time: 1000 + step * 100,
})

describe('curve views (what a chart derives from a series)', () => {
  it('extend in O(new points) on appends and derive again after an insertion', () => {
    const s = emptySeries()
    for (let i = 1; i <= 5; i++) upsertPoint(s, pt(i * 10, i))
    const v = new CurveView('step', 0.5, 0)
    expect(v.update(s)).toBe(0)
    upsertPoints(s, [pt(60, 6), pt(70, 7)])
    expect(s.resets).toBe(0)
    expect(v.update(s)).toBe(5) // only the two new points derived
    expect(v.xs).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(v.ys).toEqual(emaSmooth([1, 2, 3, 4, 5, 6, 7], 0.5))
    upsertPoint(s, pt(15, 9)) // an insertion: a reset
    expect(s.resets).toBe(1)
    expect(v.update(s)).toBe(0)
    expect(v.ys).toEqual(emaSmooth([1, 9, 2, 3, 4, 5, 6, 7], 0.5))
    expect(v.update(s)).toBe(8) // nothing new
  })

  it('puts points on the epoch axis by the steps of the first epoch', () => {
    const s = emptySeries()
    for (const [step, epoch] of [
      [25, 1],
      [50, 1],
      [75, 2],
      [100, 2],
    ] as const)
      upsertPoint(s, pt(step, 1, epoch))
    const v = new CurveView('epoch', 0, 0)
    v.update(s)
    expect(v.xs).toEqual([0.5, 1, 1.5, 2])
    const val = emptySeries()
    upsertPoint(val, pt(50, 0.6, 1))
    const vv = new CurveView('epoch', 0, 0)
    vv.update(val)
    expect(vv.xs).toEqual([1])
    upsertPoint(val, pt(100, 0.7, 2))
    vv.update(val)
    expect(vv.xs).toEqual([1, 2])
  })

  it('puts points on the wall-time axis in seconds since the trial started', () => {
    const s = emptySeries()
    upsertPoint(s, pt(10, 1))
    upsertPoint(s, pt(20, 1))
    const v = new CurveView('time', 0, 1000)
    v.update(s)
    expect(v.xs).toEqual([1, 2])
  })

  it('bucket each column’s min and max in the order they came, undefined where empty', () => {
    const b = new Buckets(0, 100, 4)
    ;[
      [5, 3],
      [10, 1],
      [20, 2],
      [60, 7],
    ].forEach(([x, y], i) => b.add(i, x!, y!))
    expect(b.out).toEqual([3, 1, undefined, undefined, 7, 7, undefined, undefined])
    b.add(4, 22, 0.5) // a new minimum after the maximum
    expect(b.out.slice(0, 2)).toEqual([3, 0.5])
    b.add(5, 30, NaN)
    b.add(6, 130, 1)
    expect(b.out.slice(0, 2)).toEqual([3, 0.5])
  })
})

describe('the compare view’s configuration rows', () => {
  const t = (id: string, sweep: string, params: Record<string, unknown>) =>
    ({ id, sweep, params }) as unknown as Trial
  it('list every parameter once and mark the rows that differ', () => {
    const rows = configRows(
      [
        t('a-t000', 'a', { block: 'naive', lr: 0.1 }),
        t('b-t001', 'b', { block: 'naive', lr: 0.01, seed: 3 }),
      ],
      (id) => `sweep ${id}`,
    )
    expect(rows.map((r) => [r.name, r.differs])).toEqual([
      ['sweep', true],
      ['block', false],
      ['lr', true],
      ['seed', true],
    ])
    expect(rows.find((r) => r.name === 'seed')!.values).toEqual(['–', '3'])
  })
})

describe('the sweep page’s defaults from the catalog', () => {
  it('open the panels with main loss, validation accuracy, aux loss when reported, learning rate', () => {
    expect(defaultPanels(METRICS, ['train_loss'])).toEqual(['train_loss', 'val_accuracy', 'lr'])
    expect(defaultPanels(METRICS, ['train_loss', 'aux_loss'])).toEqual([
      'train_loss',
      'val_accuracy',
      'aux_loss',
      'lr',
    ])
  })

  it('follow the sweep’s objective, else validation accuracy to maximise', () => {
    expect(sweepObjective({}, METRICS)).toEqual({ metric: 'val_accuracy', mode: 'max' })
    expect(sweepObjective({ objective: { metric: 'val_loss' } }, METRICS)).toEqual({
      metric: 'val_loss',
      mode: 'min',
    })
    expect(
      sweepObjective(
        {
          objectives: [
            { metric: 'macs', mode: 'min' },
            { metric: 'val_top5', mode: 'max' },
          ],
        },
        METRICS,
      ),
    ).toEqual({ metric: 'val_top5', mode: 'max' })
  })
})
