// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import NewSweepView from '@/views/NewSweepView.vue'
import { DATASETS, PARAMETERS, stubServer, wireModelCost } from './fixtures'

/** The server: the catalogs, model costs, and a 400 with details for the sweep. */
function server() {
  return stubServer({
    '/api/models/*': wireModelCost(1_000_000, 10_000),
    '/api/sweeps': () =>
      new Response(
        JSON.stringify({
          error: 'invalid sweep',
          details: [
            { path: 'parameters.width', message: 'width is refused by this server' },
            { path: 'parameters.model[1]', message: "model 'bn-inception' is not installed" },
            { path: 'maxConcurrent', message: 'must be between 0 and 10000, got -3' },
            { path: 'future', message: 'unknown field' },
          ],
        }),
        { status: 400 },
      ),
  })
}

async function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sweeps/new', component: NewSweepView },
      { path: '/sweeps/:id', component: { template: '<div/>' } },
    ],
  })
  await router.push('/sweeps/new')
  const w = mount(NewSweepView, { global: { plugins: [createPinia(), router] } })
  await flushPromises()
  return w
}

const value = (w: VueWrapper, testid: string) =>
  (w.get(`[data-testid="${testid}"]`).element as HTMLInputElement).value
const launchDisabled = (w: VueWrapper) =>
  w.get('[data-testid=launch]').attributes('disabled') !== undefined

describe('NewSweepView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('builds its fields from the served parameters, at their defaults', async () => {
    server()
    const w = await mountView()
    expect(value(w, 'param-model-input')).toBe('googlenet')
    expect(value(w, 'param-width-input')).toBe('0.25')
    expect(value(w, 'param-lr-input')).toBe('0.05')
    expect(value(w, 'yaml-editor')).toContain('width: 0.25')
    // a choice's choices are offered, a number's range and default shown
    const models = w.findAll('#choices-model option').map((o) => o.attributes('value'))
    expect(models).toEqual(PARAMETERS.find((p) => p.name === 'model')!.choices)
    expect(w.get('[data-testid=param-width-hint]').text()).toContain(
      'number, between 0.000001 and 8',
    )
    // every other sweep parameter can be added; the worker's and the dataset (its own field) not
    const addable = w
      .findAll('[data-testid=add-param] option')
      .map((o) => o.attributes('value'))
      .filter((v) => v)
    const present = [
      'model',
      'block',
      'width',
      'auxWeight',
      'labelSmoothing',
      'lr',
      'epochs',
      'batchSize',
    ]
    expect(addable).toEqual(
      PARAMETERS.filter(
        (p) => p.scope === 'sweep' && p.type !== 'dataset' && !present.includes(p.name),
      ).map((p) => p.name),
    )
    expect(addable).not.toContain('device')
    expect(addable).not.toContain('threads')
    // an added parameter starts at its served default
    await w.get('[data-testid=add-param]').setValue('limitTrain')
    expect(value(w, 'param-limitTrain-input')).toBe('0')
  })

  it('offers the served datasets and an imagefolder: path, with the dataset’s shape', async () => {
    server()
    const w = await mountView()
    const options = w
      .findAll('[data-testid=field-dataset] option')
      .map((o) => o.attributes('value'))
    expect(options).toEqual([...DATASETS.map((d) => d.name), 'imagefolder:'])
    expect(value(w, 'field-dataset')).toBe('fashion-mnist')
    await w.get('[data-testid=field-dataset]').setValue('synthetic-shapes')
    expect(w.get('[data-testid=dataset-info]').text()).toMatch(
      /^1×28×28 · 6 classes · 6000 training/,
    )
    expect(value(w, 'yaml-editor')).toContain('dataset: synthetic-shapes')

    await w.get('[data-testid=field-dataset]').setValue('imagefolder:')
    expect(w.get('[data-testid=problem-dataset]').text()).toBe('imagefolder: needs a path')
    expect(launchDisabled(w)).toBe(true)
    await w.get('[data-testid=field-dataset-path]').setValue('/data/pets')
    expect(value(w, 'yaml-editor')).toContain('dataset: imagefolder:/data/pets')
    expect(w.find('[data-testid=problem-dataset]').exists()).toBe(false)
    expect(launchDisabled(w)).toBe(false)
  })

  it('flags values off the served range, type or choices and holds the launch until fixed', async () => {
    server()
    const w = await mountView()
    expect(launchDisabled(w)).toBe(false)
    await w.get('[data-testid=param-width-input]').setValue('9')
    expect(w.get('[data-testid="problem-parameters.width"]').text()).toBe(
      'width must be between 0.000001 and 8, got 9',
    )
    await w.get('[data-testid=param-epochs-input]').setValue('2.5')
    expect(w.get('[data-testid="problem-parameters.epochs"]').text()).toBe(
      'epochs must be an integer, got 2.5',
    )
    await w.get('[data-testid=param-model-input]').setValue('googlenet, inception-v5')
    expect(w.get('[data-testid="problem-parameters.model"]').text()).toContain(
      "unknown model 'inception-v5'; known: naive-block",
    )
    expect(launchDisabled(w)).toBe(true)
    await w.get('[data-testid=param-width-input]').setValue('0.5')
    await w.get('[data-testid=param-epochs-input]').setValue('2')
    expect(launchDisabled(w)).toBe(true)
    await w.get('[data-testid=param-model-input]').setValue('googlenet, bn-inception')
    expect(w.findAll('[data-testid^=problem-]')).toHaveLength(0)
    expect(launchDisabled(w)).toBe(false)
  })

  it('holds the launch for 0 trials', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=field-method]').setValue('random')
    expect(w.get('[data-testid=trial-count]').text()).toBe('0')
    expect(launchDisabled(w)).toBe(true)
    await w.get('[data-testid=field-maxTrials]').setValue('4')
    expect(w.get('[data-testid=trial-count]').text()).toBe('4')
    expect(launchDisabled(w)).toBe(false)
  })

  it('writes form edits into the YAML and YAML edits into the form', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=param-width-input]').setValue('0.5, 1')
    expect(value(w, 'yaml-editor')).toContain('width: [0.5, 1]')
    await w.get('[data-testid=param-block-input]').setValue('naive, reduced')
    await w
      .get('[data-testid=yaml-editor]')
      .setValue(value(w, 'yaml-editor').replace('name: my-sweep', 'name: from-yaml'))
    expect(value(w, 'field-name')).toBe('from-yaml')
    // 1 model × 2 blocks × 2 widths
    expect(w.get('[data-testid=trial-count]').text()).toBe('4')
  })

  it('counts a grid as the server does: no block or auxWeight for bn-inception', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=param-model-input]').setValue('googlenet-tv, bn-inception')
    await w.get('[data-testid=param-block-input]').setValue('naive, naive-projected, reduced')
    await w.get('[data-testid=param-auxWeight-input]').setValue('0, 0.3')
    await w.get('[data-testid=param-labelSmoothing-input]').setValue('0, 0.1')
    // googlenet-tv 3 × 2 × 2, bn-inception 2
    expect(w.get('[data-testid=trial-count]').text()).toBe('14')
  })

  it('shows a YAML syntax error and keeps the form as it was', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=yaml-editor]').setValue('name: [unclosed\n')
    expect(w.get('[data-testid=yaml-error]').text()).toMatch(/^line \d+: /)
    expect(value(w, 'field-name')).toBe('my-sweep')
    expect(launchDisabled(w)).toBe(true)
  })

  it('sends the YAML and puts each server error next to the field its path names', async () => {
    const calls = server()
    const w = await mountView()
    await w.get('[data-testid=param-width-input]').setValue('0.5')
    await w.get('[data-testid=param-model-input]').setValue('googlenet, bn-inception')
    await w.get('[data-testid=launch]').trigger('click')
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST')!
    expect(String(post.body)).toContain('width: 0.5')
    expect(w.get('[data-testid=param-width]').text()).toContain('width is refused by this server')
    expect(w.get('[data-testid=param-model]').text()).toContain(
      "[1]: model 'bn-inception' is not installed",
    )
    expect(w.get('[data-testid=error-maxConcurrent]').text()).toContain('got -3')
    // a path with no field of its own is listed under the button
    expect(w.get('[data-testid=other-error]').text()).toBe('future: unknown field')
    expect(w.get('[data-testid=submit-error]').text()).toBe('invalid sweep')
  })

  it('estimates the cost at the served dataset’s shape', async () => {
    const calls = server()
    const w = await mountView()
    await w.get('[data-testid=field-dataset]').setValue('synthetic-shapes')
    await new Promise((r) => setTimeout(r, 300))
    await flushPromises()
    const asked = calls.filter((c) => c.url.startsWith('/api/models/')).map((c) => c.url)
    expect(asked[asked.length - 1]).toContain('input=1x28x28&classes=6')
    // 1 trial: 3 epochs × (3 × 1,010,000 × 5400 + 1,000,000 × 600) = 50.9G (50,886,000,000)
    expect(w.get('[data-testid=total-macs]').text()).toBe('50.9G')
  })
})
