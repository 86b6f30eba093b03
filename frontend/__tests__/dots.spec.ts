// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { HUE_STEP, SVG_MAX, colourClasses, nearestDot, type Dot } from '@/lib/dots'
import ParetoScatter, { type ScatterPoint } from '@/components/ParetoScatter.vue'
import OptimizationHistory from '@/components/OptimizationHistory.vue'
import type { HistoryPoint } from '@/lib/history'

const dot = (id: string, x: number, y: number, extra: Partial<Dot> = {}): Dot => ({
  id,
  x,
  y,
  r: 4,
  hue: 0,
  shape: 'circle',
  hollow: false,
  faded: false,
  ring: false,
  ...extra,
})

describe('dots on a canvas', () => {
  it('picks the dot nearest the pointer, none beyond the reach', () => {
    const dots = [dot('a', 10, 10), dot('b', 30, 10), dot('c', 30, 40, { r: 10 })]
    expect(nearestDot(dots, 12, 11)?.id).toBe('a')
    expect(nearestDot(dots, 27, 10)?.id).toBe('b')
    // c's edge (radius 10) is nearer than b's centre
    expect(nearestDot(dots, 30, 27)?.id).toBe('c')
    expect(nearestDot(dots, 100, 100)).toBeNull()
    expect(nearestDot([], 0, 0)).toBeNull()
  })

  it('agrees with the brute-force nearest on 10,000 random dots', () => {
    let seed = 7
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 500
    const dots = Array.from({ length: 10_000 }, (_, i) => dot(`t${i}`, rnd(), rnd()))
    for (let k = 0; k < 50; k++) {
      const [x, y] = [rnd(), rnd()]
      const dist = (p: Dot) => Math.hypot(p.x - x, p.y - y)
      const brute = dots.reduce((a, b) => (dist(b) < dist(a) ? b : a))
      const got = nearestDot(dots, x, y, Infinity)
      expect(got?.id).toBe(brute.id)
    }
  })

  it('draws 10,000 trials with at most 72 hues × shape × fill × fading paths, every dot once', () => {
    const dots = Array.from({ length: 10_000 }, (_, i) =>
      dot(`t${i}`, i % 500, i % 300, {
        hue: (i * 137.508) % 360,
        faded: i % 3 === 0,
        shape: i % 2 ? 'circle' : 'triangle',
        hollow: i % 2 === 0,
      }),
    )
    const classes = colourClasses(dots)
    expect(classes.size).toBeLessThanOrEqual((360 / HUE_STEP) * 2 * 2)
    expect([...classes.values()].reduce((n, l) => n + l.length, 0)).toBe(10_000)
    for (const [key, list] of classes) {
      const hue = Number(key.split('|')[0])
      for (const d of list) {
        const delta = Math.abs(((d.hue - hue + 540) % 360) - 180)
        expect(delta).toBeLessThanOrEqual(HUE_STEP / 2 + 1e-9)
      }
    }
  })
})

const scatterPoints = (n: number): ScatterPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s-t${i}`,
    cost: 1e6 * (1 + (i % 97)),
    accuracy: 0.5 + ((i * 37) % 100) / 250,
    state: i % 5 === 0 ? 'pruned' : 'completed',
    label: `lr=${i}`,
  }))

function stubBox(canvas: Element, width: number, height: number) {
  ;(canvas as HTMLCanvasElement).getBoundingClientRect = () =>
    ({ left: 0, top: 0, width, height, right: width, bottom: height, x: 0, y: 0 }) as DOMRect
}

describe('ParetoScatter and OptimizationHistory at scale', () => {
  // jsdom has no 2D canvas: the charts then skip drawing (what is drawn is the lib's, tested above)
  beforeAll(() => {
    HTMLCanvasElement.prototype.getContext = (() => null) as never
  })

  it('draw a few hundred trials as SVG dots, more on one canvas, with hover and click', async () => {
    const small = mount(ParetoScatter, {
      props: { points: scatterPoints(SVG_MAX), highlighted: null },
    })
    expect(small.findAll('[data-testid=scatter-point]')).toHaveLength(SVG_MAX)
    expect(small.find('[data-testid=scatter-canvas]').exists()).toBe(false)

    const big = mount(ParetoScatter, {
      props: { points: scatterPoints(10_000), highlighted: null },
    })
    expect(big.findAll('[data-testid=scatter-point]')).toHaveLength(0)
    const canvas = big.find('[data-testid=scatter-canvas]')
    expect(canvas.attributes('data-points')).toBe('10000')
    // the axes and the front stay SVG
    expect(big.find('[data-testid=pareto-front]').attributes('d')).toMatch(/^M/)
    // the canvas is drawn at 560 × 300 chart units: point at the front's first dot
    stubBox(canvas.element, 560, 300)
    const d = big.find('[data-testid=pareto-front]').attributes('d')!
    const [x, y] = d.slice(1).split(/[ HV]/)[0]!.split(',').map(Number)
    await canvas.trigger('mousemove', { clientX: x, clientY: y })
    expect(big.find('[data-testid=scatter-hover]').text()).toMatch(/^s-t\d+ lr=\d+/)
    await canvas.trigger('click', { clientX: x, clientY: y })
    const picked = big.emitted('select')![0]![0] as string
    expect(big.find('[data-testid=scatter-hover]').text()).toContain(picked)
    await canvas.trigger('click', { clientX: -100, clientY: -100 })
    expect(big.emitted('select')![1]![0]).toBeNull()
  })

  it('the history moves to a canvas past SVG_MAX trials and still names the hovered trial', async () => {
    const points: HistoryPoint[] = Array.from({ length: 5_000 }, (_, i) => ({
      id: `h-t${i}`,
      n: i + 1,
      value: ((i * 7919) % 1000) / 1000,
      best: null,
      state: i % 4 === 0 ? 'pruned' : 'completed',
      rung: i % 4 === 0 ? 1 : null,
      improved: false,
    }))
    const w = mount(OptimizationHistory, {
      props: {
        points,
        mode: 'max',
        label: 'accuracy',
        rungLabel: () => 'rung 1',
        highlighted: null,
      },
    })
    expect(w.findAll('[data-testid=history-point]')).toHaveLength(0)
    expect(w.findAll('[data-testid=history-rung]')).toHaveLength(0)
    const canvas = w.find('[data-testid=history-canvas]')
    expect(canvas.attributes('data-points')).toBe('5000')
    stubBox(canvas.element, 560, 260)
    // the first trial (value 0, the lowest) sits at sx(1) = M.l + 0.5 / n of the plot's width,
    // and 0.08 / 1.16 of the plot's height above its bottom (the y range is padded by 8%)
    const x = 56 + (0.5 / 5000) * (560 - 56 - 16)
    const y = 260 - 36 - (0.08 / 1.16) * (260 - 12 - 36)
    await canvas.trigger('mousemove', { clientX: x, clientY: y })
    expect(w.find('[data-testid=history-hover]').text()).toMatch(/^h-t\d+ · (pruned|completed)/)
  })
})
