// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import ImportanceChart from '@/components/ImportanceChart.vue'
import { stubServer } from './fixtures'

const IMPORTANCE = {
  sweep: 's1',
  objective: { metric: 'val_accuracy', mode: 'max' },
  method: 'fanova',
  trials: 12,
  parameters: [
    { name: 'lr', importance: 0.7 },
    { name: 'block', importance: 0.25 },
    { name: 'width', importance: 0.05 },
  ],
}
const FRONT = {
  sweep: 's1',
  objectives: [
    { metric: 'val_accuracy', mode: 'max' },
    { metric: 'macs', mode: 'min' },
  ],
  completed: 12,
  trials: [
    { trial: 's1-t003', index: 3, values: [0.91, 2.0e6], parameters: { lr: 0.1 } },
    { trial: 's1-t007', index: 7, values: [0.88, 1.0e6], parameters: { lr: 0.05 } },
  ],
}

describe('ImportanceChart', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('draws one bar per parameter, longest for the most important, with the front and CSV links', async () => {
    const calls = stubServer({
      '/api/sweeps/s1/importance': IMPORTANCE,
      '/api/sweeps/s1/front': FRONT,
    })
    const w = mount(ImportanceChart, {
      props: { sweepId: 's1', completed: 12 },
      global: { plugins: [createPinia()] },
    })
    await flushPromises()
    const rects = w.findAll('[data-testid="importance-bars"] rect')
    expect(rects.map((r) => r.attributes('data-name'))).toEqual(['lr', 'block', 'width'])
    const widths = rects.map((r) => Number(r.attributes('width')))
    expect(widths[0]).toBeGreaterThan(widths[1]!)
    expect(widths[1]).toBeGreaterThan(widths[2]!)
    expect(widths[0]! / widths[1]!).toBeCloseTo(0.7 / 0.25, 5)
    expect(w.text()).toContain('70%')
    expect(w.text()).toContain('val_accuracy (max) over 12 completed trials')
    expect(w.get('[data-testid="front-summary"]').text()).toContain(
      '2 of 12 completed trials on the val_accuracy × macs front',
    )
    expect(w.get('[data-testid="front-csv"]').attributes('href')).toBe('/api/sweeps/s1/front.csv')
    expect(w.get('[data-testid="importance-csv"]').attributes('href')).toBe(
      '/api/sweeps/s1/importance.csv',
    )
    // a newly completed trial reloads
    const before = calls.filter((c) => c.url.includes('/importance')).length
    await w.setProps({ completed: 13 })
    await flushPromises()
    expect(calls.filter((c) => c.url.includes('/importance')).length).toBe(before + 1)
  })

  it('says what it needs when there is nothing to measure yet, and shows a failure', async () => {
    stubServer({
      '/api/sweeps/s2/importance': { ...IMPORTANCE, sweep: 's2', trials: 1, parameters: [] },
      '/api/sweeps/s2/front': { ...FRONT, sweep: 's2', completed: 1, trials: [] },
    })
    const w = mount(ImportanceChart, {
      props: { sweepId: 's2', completed: 1 },
      global: { plugins: [createPinia()] },
    })
    await flushPromises()
    expect(w.find('[data-testid="importance-bars"]').exists()).toBe(false)
    expect(w.get('[data-testid="importance-empty"]').text()).toContain('two completed trials')
    stubServer({})
    const v = mount(ImportanceChart, {
      props: { sweepId: 's3', completed: 0 },
      global: { plugins: [createPinia()] },
    })
    await flushPromises()
    expect(v.get('[data-testid="importance-error"]').text()).toContain('no route')
  })
})
