// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import NewSweepView from '@/views/NewSweepView.vue'

/** Answers the view's API calls like the server: models cost, and a 400 with details for the sweep. */
function server() {
  const calls: { url: string; method: string; body: unknown }[] = []
  const fetchImpl = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', body: init?.body })
    if (url.startsWith('/api/models/')) {
      return new Response(
        JSON.stringify({ model: 'googlenet', macs: 1_000_000, auxMacs: 10_000 }),
        { status: 200 },
      )
    }
    if (url === '/api/sweeps' && init?.method === 'POST') {
      return new Response(
        JSON.stringify({
          error: 'invalid sweep',
          details: [
            {
              path: 'parameters.width',
              message: 'width multiplier must be between 0.000001 and 8, got -1',
            },
            { path: 'parameters.model[1]', message: "unknown model 'inception-v5'" },
            { path: 'maxConcurrent', message: 'must be between 0 and 10000, got -3' },
            { path: 'future', message: 'unknown field' },
          ],
        }),
        { status: 400 },
      )
    }
    return new Response('{}', { status: 404 })
  })
  vi.stubGlobal('fetch', fetchImpl)
  return calls
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

describe('NewSweepView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('writes form edits into the YAML and YAML edits into the form', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=param-width-input]').setValue('0.5, 1')
    const yaml = w.get('[data-testid=yaml-editor]').element as HTMLTextAreaElement
    expect(yaml.value).toContain('width: [0.5, 1]')
    await w
      .get('[data-testid=yaml-editor]')
      .setValue(yaml.value.replace('name: my-sweep', 'name: from-yaml'))
    expect((w.get('[data-testid=field-name]').element as HTMLInputElement).value).toBe('from-yaml')
    // 1 model × 2 blocks × 2 widths × 2 aux weights
    expect(w.get('[data-testid=trial-count]').text()).toBe('8')
  })

  it('shows a YAML syntax error and keeps the form as it was', async () => {
    server()
    const w = await mountView()
    await w.get('[data-testid=yaml-editor]').setValue('name: [unclosed\n')
    expect(w.get('[data-testid=yaml-error]').text()).toMatch(/^line \d+: /)
    expect((w.get('[data-testid=field-name]').element as HTMLInputElement).value).toBe('my-sweep')
    expect(w.get('[data-testid=launch]').attributes('disabled')).toBeDefined()
  })

  it('sends the YAML and puts each server error next to the field its path names', async () => {
    const calls = server()
    const w = await mountView()
    await w.get('[data-testid=param-width-input]').setValue('-1')
    await w.get('[data-testid=launch]').trigger('click')
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST')!
    expect(String(post.body)).toContain('width: -1')
    expect(w.get('[data-testid=param-width]').text()).toContain('width multiplier must be between')
    expect(w.get('[data-testid=param-model]').text()).toContain("[1]: unknown model 'inception-v5'")
    expect(w.get('[data-testid=error-maxConcurrent]').text()).toContain('got -3')
    // a path with no field of its own is listed under the button
    expect(w.get('[data-testid=other-error]').text()).toBe('future: unknown field')
    expect(w.get('[data-testid=submit-error]').text()).toBe('invalid sweep')
  })
})
