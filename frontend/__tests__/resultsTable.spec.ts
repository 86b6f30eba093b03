// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ResultsTable from '@/components/ResultsTable.vue'
import { toResultRow, toTrial } from '@/api/wire'
import { useCatalogStore } from '@/stores/catalog'
import {
  filterRows,
  resultRowOf,
  sortRows,
  varyingParameters,
  type Column,
} from '@/lib/resultsTable'
import { stubServer, wireResultRow, wireTrial } from './fixtures'

interface R {
  id: string
  state: string
  params: Record<string, unknown>
  acc: number | null
}
const col = (key: string, value: (r: R) => string | number | null, show?: (r: R) => string) =>
  ({ key, label: key, value, show: show ?? ((r: R) => String(value(r) ?? '–')) }) as Column<R>
const rows: R[] = [
  { id: 't2', state: 'completed', params: { block: 'naive', lr: 0.1 }, acc: 0.5 },
  { id: 't10', state: 'failed', params: { block: 'reduced', lr: 0.1 }, acc: null },
  { id: 't1', state: 'completed', params: { block: 'reduced', lr: 0.1 }, acc: 0.75 },
]
const acc = col(
  'acc',
  (r) => r.acc,
  (r) => (r.acc === null ? '–' : `${(r.acc * 100).toFixed(1)}%`),
)
const block = col('block', (r) => r.params.block as string)

describe('the results table’s logic', () => {
  it('offers a column for the parameters that vary', () => {
    expect(varyingParameters(rows)).toEqual(['block'])
  })

  it('sorts by a column with rows without a value last either way, ties in natural id order', () => {
    expect(sortRows(rows, acc, true, (r) => r.id).map((r) => r.id)).toEqual(['t1', 't2', 't10'])
    expect(sortRows(rows, acc, false, (r) => r.id).map((r) => r.id)).toEqual(['t2', 't1', 't10'])
    expect(sortRows(rows, block, false, (r) => r.id).map((r) => r.id)).toEqual(['t2', 't1', 't10'])
  })

  it('filters by state, by words, by name=value and by a number compared as shown', () => {
    const f = (text: string, states: string[] = []) =>
      filterRows(rows, { states: new Set(states), text }, [block, acc]).map((r) => r.id)
    expect(f('', ['failed'])).toEqual(['t10'])
    expect(f('REDUCED')).toEqual(['t10', 't1'])
    expect(f('block=naive')).toEqual(['t2'])
    expect(f('acc>60')).toEqual(['t1'])
    expect(f('acc<60')).toEqual(['t2'])
    expect(f('nosuch=1')).toEqual([])
  })
})

describe('ResultsTable', () => {
  afterEach(() => vi.unstubAllGlobals())

  async function mountTable(n: number) {
    stubServer()
    setActivePinia(createPinia())
    await useCatalogStore().load()
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { template: '<div/>' } },
        { path: '/trials/:id', component: { template: '<div/>' } },
      ],
    })
    await router.push('/')
    const data = Array.from({ length: n }, (_, i) =>
      toResultRow(
        wireResultRow({
          trial: `t${i}`,
          index: i,
          state: i % 10 === 3 ? 'failed' : 'completed',
          parameters: { model: 'googlenet', block: i % 2 ? 'naive' : 'reduced', lr: 0.1 },
          bestValAccuracy: i % 10 === 3 ? null : (i % 100) / 100,
          error: i % 10 === 3 ? `diverged at step ${i}` : null,
        }),
      ),
    )
    const w = mount(ResultsTable, {
      props: { rows: data, csvUrl: '/x.csv', highlighted: null, paramNames: ['block'] },
      global: { plugins: [router] },
      attachTo: document.body,
    })
    await flushPromises()
    return { w, router }
  }

  it(
    'draws a window of 10,000 rows, chooses columns and filters failures',
    { timeout: 30_000 },
    async () => {
      const { w } = await mountTable(10_000)
      const drawn = w.findAll('[data-testid=results-row]')
      expect(drawn.length).toBeGreaterThan(5)
      expect(drawn.length).toBeLessThan(60)
      expect(w.get('[data-testid=results-count]').text()).toContain('10000 trials')
      const headers = () => w.findAll('th').map((h) => h.text().replace(/ [▾▴]$/, ''))
      expect(headers()).toContain('block')
      expect(headers()).not.toContain('lr') // the same in every trial: in the chooser
      expect(headers()).toContain('failure')
      await w.get('[data-testid=column-chooser]').trigger('click')
      await w.get('[data-testid=column-lr]').setValue(true)
      await w.get('[data-testid=column-macs]').setValue(false)
      expect(headers()).toContain('lr')
      expect(headers()).not.toContain('MACs')
      await w.get('[data-testid=filter-state-failed]').trigger('click')
      expect(w.get('[data-testid=results-count]').text()).toContain('1000 of 10000')
      const first = w.get('[data-testid=results-row]')
      expect(first.get('[data-col=error]').text()).toMatch(/^diverged at step \d+$/)
      // every failed trial (index 3, 13, 23…) is a naive one
      await w.get('[data-testid=results-filter]').setValue('block=reduced')
      expect(w.get('[data-testid=results-count]').text()).toContain('0 of 10000')
      expect(w.find('[data-testid=results-none]').exists()).toBe(true)
      await w.get('[data-testid=results-filter]').setValue('block=naive')
      expect(w.get('[data-testid=results-count]').text()).toContain('1000 of 10000')
      w.unmount()
    },
  )

  it('moves between rows with the arrow keys, highlights with Space and opens with Enter', async () => {
    const { w, router } = await mountTable(30)
    const rowsNow = () => w.findAll('[data-testid=results-row]')
    expect(rowsNow()[0]!.attributes('tabindex')).toBe('0')
    expect(rowsNow()[1]!.attributes('tabindex')).toBe('-1')
    await rowsNow()[0]!.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(rowsNow()[1]!.attributes('tabindex')).toBe('0')
    expect(document.activeElement).toBe(rowsNow()[1]!.element)
    const trial = rowsNow()[1]!.get('[data-col=trial]').text()
    await rowsNow()[1]!.trigger('keydown', { key: ' ' })
    expect(w.emitted('select')![0]).toEqual([trial])
    await rowsNow()[1]!.trigger('keydown', { key: 'End' })
    await flushPromises()
    expect(rowsNow().at(-1)!.attributes('tabindex')).toBe('0')
    await rowsNow().at(-1)!.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.path).toMatch(/^\/trials\/t\d+$/)
    w.unmount()
  })
})

describe('resultRowOf', () => {
  it('is the row GET /results writes from the same trial document, the pruned rung first', () => {
    const doc = wireTrial({
      id: 't7',
      index: 7,
      state: 'pruned',
      attempt: 2,
      rung: 2,
      prunedAtRung: 1,
      parameters: { model: 'googlenet', lr: 0.01 },
      testAccuracy: null,
      error: null,
    })
    const row = wireResultRow({
      trial: 't7',
      index: 7,
      state: 'pruned',
      attempt: 2,
      parameters: { model: 'googlenet', lr: 0.01 },
      params: doc.params,
      macs: doc.macs,
      bestValAccuracy: doc.bestValAccuracy,
      finalValAccuracy: doc.finalValAccuracy,
      testAccuracy: null,
      seconds: doc.seconds,
      imagesPerSec: doc.imagesPerSec,
      rung: 1,
      error: null,
    })
    expect(resultRowOf(toTrial(doc))).toEqual(toResultRow(row))
    // not pruned: the last rung it reached
    expect(resultRowOf(toTrial(wireTrial({ rung: 3, prunedAtRung: null }))).rung).toBe(3)
  })
})
