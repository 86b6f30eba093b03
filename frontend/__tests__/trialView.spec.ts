// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import TrialView from '@/views/TrialView.vue'
import { stubServer, wireAttempt, wireTrial } from './fixtures'

// the charts (uPlot needs a real browser) are not what these tests look at
vi.mock('@/components/CurveChart.vue', () => ({ default: { template: '<div/>' } }))

/** A trial whose first attempt crashed on a GPU and whose second completed on a CPU. */
const trial = wireTrial({
  id: 't7',
  attempt: 2,
  failures: 1,
  worker: 'node-b/worker-0',
  attempts: [
    wireAttempt({
      attempt: 1,
      worker: 'node-a/worker-0',
      device: 'gpu:1',
      started: '2026-11-26T15:00:00Z',
      ended: '2026-11-26T15:00:40Z',
      outcome: 'crashed',
      error: 'trial process exited with status 134',
      logTail: 'step 120 loss 1.93\nSIGABRT in libtorch\n',
      log: '/w/t7/attempt-1.log',
    }),
    wireAttempt({
      attempt: 2,
      worker: 'node-b/worker-0',
      device: 'cpu',
      outcome: 'completed',
      logTail: 'epoch 2/2 val_accuracy 0.9123\n',
      log: '/w/t7/attempt-2.log',
    }),
  ],
})

/** TrialView of trial `id` under a router, once its first requests are answered. */
async function mountAt(id: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/trials/:id', component: TrialView, props: true },
      { path: '/sweeps/:id', component: { template: '<div/>' } },
    ],
  })
  await router.push(`/trials/${id}`)
  const w = mount(TrialView, { props: { id }, global: { plugins: [createPinia(), router] } })
  await flushPromises()
  return w
}

async function mountTrial() {
  stubServer({
    '/api/trials/t7': trial,
    '/api/trials/t7/metrics': [],
    '/api/events': () => new Response('', { status: 503 }),
  })
  return mountAt('t7')
}

describe('TrialView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists every attempt: worker, device, outcome, error, its log tail and whole log', async () => {
    const w = await mountTrial()
    const rows = w.findAll('[data-testid=attempt-row]')
    expect(rows).toHaveLength(2)
    const cell = (i: number, col: string) => rows[i]!.get(`[data-col=${col}]`).text()
    expect([cell(0, 'attempt'), cell(0, 'worker'), cell(0, 'device'), cell(0, 'outcome')]).toEqual([
      '1',
      'node-a/worker-0',
      'gpu:1',
      'crashed',
    ])
    expect(cell(0, 'error')).toBe('trial process exited with status 134')
    expect(cell(0, 'started')).toBe(new Date(Date.UTC(2026, 10, 26, 15, 0, 0)).toLocaleString())
    expect([cell(1, 'worker'), cell(1, 'device'), cell(1, 'outcome')]).toEqual([
      'node-b/worker-0',
      'cpu',
      'completed',
    ])
    const tails = w.findAll('pre[data-testid=attempt-log-tail]')
    expect(tails.map((t) => t.text())).toEqual([
      'step 120 loss 1.93\nSIGABRT in libtorch',
      'epoch 2/2 val_accuracy 0.9123',
    ])
    const links = w.findAll('a[data-testid=attempt-log-link]').map((a) => a.attributes('href'))
    expect(links).toEqual(['/api/trials/t7/log?attempt=1', '/api/trials/t7/log?attempt=2'])
    expect(w.text()).toContain('/w/t7/attempt-1.log')
    w.unmount()
  })

  it('shows the outcome in the catalog’s units: accuracies as percentages', async () => {
    const w = await mountTrial()
    const rows = w.findAll('[data-testid=trial-final] tr').map((r) => r.text())
    expect(rows).toContain('best validation accuracy91.23%')
    expect(rows).toContain('test accuracy90.50%')
    w.unmount()
  })

  it('tails a running attempt’s log live and keeps the error of the attempt before it', async () => {
    const running = wireTrial({
      id: 't8',
      state: 'running',
      attempt: 2,
      failures: 0,
      error: null,
      attempts: [
        wireAttempt({ attempt: 1, outcome: 'diverged', error: 'loss is NaN at step 40' }),
        wireAttempt({ attempt: 2, ended: null, outcome: null, logTail: null, error: null }),
      ],
    })
    let served = 'epoch 1 step 10 loss 2.1\n'
    stubServer({
      '/api/trials/t8': running,
      '/api/trials/t8/metrics': [],
      '/api/trials/t8/log': () => new Response(served, { status: 200 }),
      '/api/events': () => new Response('', { status: 503 }),
    })
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const w = await mountAt('t8')
    const tail = () => w.findAll('[data-testid=attempt-log-tail]').at(-1)!
    expect(tail().text()).toBe('epoch 1 step 10 loss 2.1')
    expect(tail().attributes('data-live')).toBe('true')
    served += 'epoch 1 step 20 loss 1.9\n'
    await vi.advanceTimersByTimeAsync(2100)
    await flushPromises()
    expect(tail().text()).toContain('step 20 loss 1.9')
    // the retried trial's first error stays on the page
    expect(w.get('[data-testid=attempt-error]').text()).toBe(
      'attempt 1 (diverged): loss is NaN at step 40',
    )
    expect(w.get('[data-testid=attempt-log-link]').attributes('href')).toContain('attempt=1')
    w.unmount()
    vi.useRealTimers()
  })

  it('reads an ended attempt’s tail from its log when the server stored none', async () => {
    const lost = wireTrial({
      id: 't9',
      attempt: 2,
      attempts: [
        wireAttempt({ attempt: 1, outcome: 'crashed', error: 'exit 134', logTail: null }),
        wireAttempt({ attempt: 2, outcome: 'completed', logTail: null }),
      ],
    })
    // attempt 1's log is on a remote worker's disk (no route: 404); attempt 2's is here
    const calls = stubServer({
      '/api/trials/t9': lost,
      '/api/trials/t9/metrics': [],
      '/api/trials/t9/log?attempt=2&tail=16384': () =>
        new Response('line 1\nepoch 2/2 val_accuracy 0.91\n', { status: 200 }),
      '/api/events': () => new Response('', { status: 503 }),
    })
    const w = await mountAt('t9')
    const logRows = w.findAll('tr.log-row')
    expect(logRows[0]!.text()).toContain('no log yet')
    expect(logRows[1]!.get('[data-testid=attempt-log-tail]').text()).toBe(
      'line 1\nepoch 2/2 val_accuracy 0.91',
    )
    expect(calls.filter((c) => c.url.includes('/log?')).map((c) => c.url)).toEqual([
      '/api/trials/t9/log?attempt=1&tail=16384',
      '/api/trials/t9/log?attempt=2&tail=16384',
    ])
    w.unmount()
  })
})
