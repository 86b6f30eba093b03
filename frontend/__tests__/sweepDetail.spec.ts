// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import SweepDetailView from '@/views/SweepDetailView.vue'
import { chartBuckets, panelBudget } from '@/lib/charts'
import { METRICS, stubServer, wireAttempt, wireSweep, wireTrial } from './fixtures'

// uPlot needs a real browser: the chart is a stub showing which metric it was given
vi.mock('@/components/CurveChart.vue', () => ({
  default: {
    props: ['metric', 'testid', 'log'],
    template: '<div :data-testid="testid" :data-metric="metric" :data-log="String(log)" />',
  },
}))

const point = (name: string, step: number, value: number, epoch = 0) => ({
  name,
  step,
  epoch,
  value,
  attempt: 1,
  time: '2026-11-26T15:00:00Z',
})

/** The sweep page of sweep s1, mounted under a router, once its first requests are answered. */
async function mountDetail() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sweeps/:id', component: SweepDetailView, props: true },
      { path: '/:rest(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push('/sweeps/s1')
  const w = mount(SweepDetailView, {
    props: { id: 's1' },
    global: { plugins: [createPinia(), router] },
  })
  await flushPromises()
  return w
}

async function mountSweep() {
  const calls = stubServer({
    '/api/sweeps/s1': wireSweep({ counts: { completed: 2 } }),
    '/api/sweeps/s1/trials': [
      wireTrial({ id: 't1', index: 0, parameters: { model: 'googlenet', block: 'naive' } }),
      wireTrial({
        id: 't2',
        index: 1,
        state: 'failed',
        parameters: { model: 'googlenet', block: 'reduced' },
        bestValAccuracy: null,
        finalValAccuracy: null,
        testAccuracy: null,
        result: null,
        error: 'diverged: loss is NaN at step 40',
      }),
    ],
    // a trial with aux heads reports all three losses
    '/api/trials/t1/metrics': [
      point('train_loss', 0, 2.3),
      point('aux_loss', 0, 4.6),
      point('train_total_loss', 0, 3.68),
      point('val_accuracy', 10, 0.9123, 1),
    ],
    '/api/trials/t2/metrics': [point('train_loss', 0, 2.2)],
    '/api/events': () => new Response('', { status: 503 }),
  })
  return Object.assign(await mountDetail(), { calls })
}

describe('SweepDetailView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('charts the main head’s loss beside validation accuracy, even when aux losses are there', async () => {
    const w = await mountSweep()
    expect(w.get('[data-testid=curve-main]').attributes('data-metric')).toBe('train_loss')
    expect(w.get('[data-testid=curve-second]').attributes('data-metric')).toBe('val_accuracy')
    // every catalog metric is a choice for either chart, by its label
    const labels = w.findAll('[data-testid=metric-select-second] option').map((o) => o.text())
    expect(labels).toEqual(METRICS.map((m) => m.label))
    await w.get('[data-testid=metric-select-second]').setValue('aux_loss')
    expect(w.get('[data-testid=curve-second]').attributes('data-metric')).toBe('aux_loss')
    expect(w.get('[data-testid=curve-main]').attributes('data-metric')).toBe('train_loss')
    // log scale applies to losses, not to fractions
    await w.get('[data-testid=log-scale]').setValue(true)
    expect(w.get('[data-testid=curve-main]').attributes('data-log')).toBe('true')
    await w.get('[data-testid=metric-select-second]').setValue('val_accuracy')
    expect(w.get('[data-testid=curve-second]').attributes('data-log')).toBe('false')
    w.unmount()
  })

  it('labels and formats the results from the catalog, with the varying parameters and errors', async () => {
    const w = await mountSweep()
    const headers = w
      .findAll('[data-testid=results-table] th')
      .map((h) => h.text().replace(/ [▾▴]$/, ''))
    expect(headers).toContain('block')
    expect(headers).not.toContain('model') // the same in every trial
    expect(headers).toContain('best validation accuracy')
    expect(headers).toContain('failure')
    const cell = (trial: string, col: string) =>
      w
        .findAll('[data-testid=results-row]')
        .find((r) => r.text().includes(trial))!
        .get(`[data-col=${col}]`)
        .text()
    expect(cell('t1', 'bestValAccuracy')).toBe('91.2%')
    expect(cell('t1', 'testAccuracy')).toBe('90.5%')
    expect(cell('t2', 'error')).toBe('diverged: loss is NaN at step 40')
    // the scatter's axis is the catalog's label
    expect(w.get('[data-testid=pareto-scatter]').text()).toContain('validation accuracy')
    // built from the trial list: the result rows (the same documents again) are not downloaded
    expect(w.calls.some((c) => c.url.includes('/results'))).toBe(false)
    w.unmount()
  })

  it('offers the report as an HTML download grouped by a varying parameter', async () => {
    const w = await mountSweep()
    const link = w.get('[data-testid=report-html]')
    expect(link.attributes('download')).toBeDefined()
    expect(link.attributes('href')).toBe('/api/sweeps/s1/report?format=html&groupBy=block')
    expect(w.findAll('[data-testid=report-group-by] option').map((o) => o.text())).toEqual([
      'block',
    ])
    w.unmount()
  })
})

describe('SweepDetailView of a failed sweep, with curves in bulk', () => {
  afterEach(() => vi.unstubAllGlobals())

  async function mountFailed() {
    const calls = stubServer({
      '/api/sweeps/s1': wireSweep({
        state: 'running',
        counts: { failed: 1, cancelled: 1, completed: 1 },
      }),
      '/api/sweeps/s1/trials': [
        wireTrial({ id: 's1-t000', index: 0, parameters: { block: 'naive' } }),
        wireTrial({
          id: 's1-t001',
          index: 1,
          state: 'failed',
          parameters: { block: 'reduced' },
          error: 'diverged: loss is NaN at step 3',
          attempts: [
            wireAttempt({ attempt: 1, outcome: 'crashed', error: 'exit status 137 (killed)' }),
            wireAttempt({
              attempt: 2,
              outcome: 'diverged',
              error: 'diverged: loss is NaN at step 3',
            }),
          ],
        }),
        wireTrial({ id: 's1-t002', index: 2, state: 'cancelled', parameters: { block: 'naive' } }),
      ],
      '/api/sweeps/s1/curves': (init?: RequestInit) => {
        void init
        return new Response(
          JSON.stringify({
            metric: 'train_loss',
            points: 1000,
            since: null,
            trials: [
              {
                trial: 's1-t000',
                steps: [1, 2],
                values: [2.5, 2],
                count: 2,
                downsampled: false,
                lastStep: 2,
              },
            ],
          }),
          { status: 200 },
        )
      },
      '/api/events': () => new Response('', { status: 503 }),
    })
    const w = await mountDetail()
    return { w, calls }
  }

  it('says why trials failed, every attempt’s error kept', async () => {
    const { w } = await mountFailed()
    const trace = w.get('[data-testid=failure-trace]')
    expect(trace.text()).toContain('1 of 3 trials failed')
    expect(w.get('[data-testid=failure-error]').text()).toBe('diverged: loss is NaN at step 3')
    expect(w.findAll('[data-testid=failure-attempt]').map((a) => a.text())).toEqual([
      'attempt 1 (crashed on worker-1): exit status 137 (killed)',
      'attempt 2 (diverged on worker-1): diverged: loss is NaN at step 3',
    ])
    w.unmount()
  })

  it('counts failed and cancelled trials apart from the done ones', async () => {
    const { w } = await mountFailed()
    expect(w.get('[data-testid=progress-done]').text()).toBe('1')
    expect(w.get('[data-testid=progress-text]').text()).toContain('1 failed')
    expect(w.get('[data-testid=progress-text]').text()).toContain('1 cancelled')
    w.unmount()
  })

  it('asks before cancelling', async () => {
    const { w, calls } = await mountFailed()
    await w.get('[data-testid=cancel]').trigger('click')
    expect(calls.some((c) => c.url.endsWith('/cancel'))).toBe(false)
    await w.get('[data-testid=cancel-no]').trigger('click')
    expect(w.find('[data-testid=cancel-confirm]').exists()).toBe(false)
    await w.get('[data-testid=cancel]').trigger('click')
    await w.get('[data-testid=cancel-yes]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.url.endsWith('/cancel') && c.method === 'POST')).toHaveLength(1)
    w.unmount()
  })

  it('loads each panel’s metric in one bulk request, never trial by trial', async () => {
    const { w, calls } = await mountFailed()
    const bulk = calls.filter((c) => c.url.startsWith('/api/sweeps/s1/curves'))
    const metricsAsked = bulk.map((c) => new URLSearchParams(c.url.split('?')[1]).get('metric'))
    expect(metricsAsked).toEqual(expect.arrayContaining(['train_loss', 'val_accuracy', 'lr']))
    expect(new Set(metricsAsked).size).toBe(metricsAsked.length)
    expect(calls.some((c) => /\/api\/trials\/[^/]+\/metrics/.test(c.url))).toBe(false)
    w.unmount()
  })
})

describe('SweepDetailView of a big sweep', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('asks for its curves once the sweep is known, without waiting for the trial list', async () => {
    // the trial list never answers: on 10,000 trials it takes seconds, and the curves need only
    // the sweep's trial count (their points per trial)
    const calls = stubServer({
      '/api/sweeps/s1': wireSweep({ counts: { completed: 9_990, running: 10 }, trials: 10_000 }),
      '/api/sweeps/s1/trials': () => new Promise<Response>(() => undefined) as unknown as Response,
      '/api/sweeps/s1/curves': () =>
        new Response(JSON.stringify({ metric: 'train_loss', points: 8, since: null, trials: [] }), {
          status: 200,
        }),
      '/api/events': () => new Response('', { status: 503 }),
    })
    const w = await mountDetail()
    const bulk = calls.filter((c) => c.url.startsWith('/api/sweeps/s1/curves'))
    expect(bulk.length).toBeGreaterThan(0)
    const points = bulk.map((c) => Number(new URLSearchParams(c.url.split('?')[1]).get('points')))
    const width = window.innerWidth / 2
    expect(points).toEqual(points.map(() => chartBuckets(width, 10_000, panelBudget(2))))
    w.unmount()
  })
})
