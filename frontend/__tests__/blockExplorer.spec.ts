// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import BlockExplorer from '@/components/BlockExplorer.vue'
import { stubServer, wireModelCost } from './fixtures'

/** A single block's cost as the API answers it: one block of four branches. */
function block(model: string, macs: number[]) {
  const total = macs.reduce((a, b) => a + b, 0)
  return {
    ...wireModelCost(total, 0, model),
    input: [256, 28, 28],
    outputShape: [480, 28, 28],
    blocks: [
      {
        name: model,
        kind: 'branches',
        outputShape: [480, 28, 28],
        params: 0,
        macs: total,
        share: 1,
        branches: ['1x1', '3x3', '5x5', 'pool'].map((name, i) => ({
          name,
          params: 0,
          macs: macs[i]!,
          share: macs[i]! / total,
        })),
      },
    ],
  }
}

describe('BlockExplorer', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows naive, naive-projected, reduced and v2 side by side', async () => {
    const calls = stubServer({
      '/api/models/naive-block': block('naive-block', [25690112, 346816512, 481689600, 0]),
      '/api/models/naive-projected-block': block(
        'naive-projected-block',
        [25690112, 346816512, 481689600, 12845056],
      ),
      '/api/models/reduced-block': block('reduced-block', [1, 2, 3, 4]),
      '/api/models/v2-block': block('v2-block', [1, 2, 3, 4]),
    })
    const w = mount(BlockExplorer, { global: { plugins: [createPinia()] } })
    await flushPromises()
    const cards = w.findAll('.block')
    expect(cards.map((c) => c.get('h3').text())).toEqual([
      'naive-block',
      'naive-projected-block',
      'reduced-block',
      'v2-block',
    ])
    const projected = w.get('[data-testid=block-naive-projected-block]')
    expect(projected.get('[data-testid=block-macs]').text()).toBe('867M')
    expect(projected.findAll('[data-testid=branch]')).toHaveLength(4)
    expect(calls.map((c) => c.url.split('?')[0])).toContain('/api/models/naive-projected-block')
    w.unmount()
  })
})
