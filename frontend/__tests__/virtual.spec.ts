// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import VirtualRows from '@/components/VirtualRows.vue'
import { keyTarget, rowWindow, scrollToShow } from '@/lib/virtual'

describe('virtual rows', () => {
  it('renders the rows in view plus the overscan, whatever the count', () => {
    expect(rowWindow(0, 100, 20, 10_000, 2)).toEqual({
      first: 0,
      end: 7,
      offset: 0,
      total: 200_000,
    })
    expect(rowWindow(1000, 100, 20, 10_000, 2)).toEqual({
      first: 48,
      end: 57,
      offset: 960,
      total: 200_000,
    })
    // scrolled past the end (a list that shrank): the last rows
    expect(rowWindow(1e9, 100, 20, 10, 0)).toEqual({ first: 5, end: 10, offset: 100, total: 200 })
    expect(rowWindow(0, 100, 20, 0)).toEqual({ first: 0, end: 0, offset: 0, total: 0 })
  })

  it('scrolls as little as needed to show a row', () => {
    expect(scrollToShow(3, 0, 100, 20)).toBe(0)
    expect(scrollToShow(5, 0, 100, 20)).toBe(20)
    expect(scrollToShow(2, 200, 100, 20)).toBe(40)
  })

  it('moves with the navigation keys, clamped to the list', () => {
    expect(keyTarget('ArrowDown', 0, 10, 4)).toBe(1)
    expect(keyTarget('ArrowUp', 0, 10, 4)).toBe(0)
    expect(keyTarget('PageDown', 8, 10, 4)).toBe(9)
    expect(keyTarget('PageUp', 5, 10, 4)).toBe(1)
    expect(keyTarget('End', 0, 10, 4)).toBe(9)
    expect(keyTarget('Home', 7, 10, 4)).toBe(0)
    expect(keyTarget('a', 7, 10, 4)).toBeNull()
  })

  it('mounts 10,000 rows as a few DOM rows, keyboard-driven, telling which rows are in view', async () => {
    const ranges: [number, number][] = []
    const activated: number[] = []
    const Host = defineComponent(
      () => () =>
        h(
          VirtualRows,
          {
            count: 10_000,
            rowHeight: 20,
            height: 100,
            label: 'Trials',
            overscan: 1,
            onRange: (a: number, b: number) => ranges.push([a, b]),
            onActivate: (i: number) => activated.push(i),
          },
          { row: ({ index }: { index: number }) => h('span', `trial ${index}`) },
        ),
    )
    const w = mount(Host)
    const list = w.get('[data-testid=virtual-rows]')
    expect(list.attributes('role')).toBe('listbox')
    expect(list.attributes('tabindex')).toBe('0')
    expect(w.findAll('[data-testid=virtual-row]')).toHaveLength(6)
    expect(ranges.at(-1)).toEqual([0, 6])
    await list.trigger('keydown', { key: 'ArrowDown' })
    expect(list.attributes('aria-activedescendant')).toBe('vrow-0')
    await list.trigger('keydown', { key: 'End' })
    expect(list.attributes('aria-activedescendant')).toBe('vrow-9999')
    expect(w.text()).toContain('trial 9999')
    expect(w.findAll('[data-testid=virtual-row]').length).toBeLessThan(10)
    expect(ranges.at(-1)![1]).toBe(10_000)
    await list.trigger('keydown', { key: 'Enter' })
    expect(activated).toEqual([9999])
    expect(w.get('#vrow-9999').attributes('aria-selected')).toBe('true')
  })
})
