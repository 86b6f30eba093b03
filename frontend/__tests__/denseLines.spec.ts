import { describe, expect, it } from 'vitest'
import { densePaths, type PathLike } from '@/lib/denseLines'
import { trialColorNear, trialHue } from '@/lib/colors'

class Recorder implements PathLike {
  readonly ops: string[] = []
  moveTo(x: number, y: number) {
    this.ops.push(`M${x},${y}`)
  }
  lineTo(x: number, y: number) {
    this.ops.push(`L${x},${y}`)
  }
}

describe('densePaths', () => {
  it('draws trials of one colour as sub-paths of one path, spans gaps, keeps the highlight apart', () => {
    const px = [0, 10, 20, 30]
    const { byColor, highlight } = densePaths(
      [
        { id: 'a', ys: [1, undefined, 3, 4] },
        { id: 'b', ys: [undefined, 2, 2, undefined] },
        { id: 'c', ys: [5, 5, 5, 5] },
        { id: 'd', ys: [undefined, undefined, undefined, undefined] },
      ],
      px,
      (y) => 100 - y,
      (id) => (id === 'b' ? 'blue' : 'red'),
      { id: 'c', color: 'gold' },
      () => new Recorder(),
    )
    expect([...byColor.keys()]).toEqual(['red', 'blue'])
    // a, then d (no points: nothing), on the red path; a's gap at slot 1 spanned
    expect(byColor.get('red')!.ops).toEqual(['M0,99', 'L20,97', 'L30,96'])
    expect(byColor.get('blue')!.ops).toEqual(['M10,98', 'L20,98'])
    expect(highlight?.color).toBe('gold')
    expect(highlight?.path.ops).toEqual(['M0,95', 'L10,95', 'L20,95', 'L30,95'])
  })

  it('has no highlight path when none is highlighted, and one colour per rounded hue', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `sweep-t${i}`)
    const { byColor, highlight } = densePaths(
      ids.map((id) => ({ id, ys: [1, 2] })),
      [0, 1],
      (y) => y,
      (id) => trialColorNear(id, 0.9, 4),
      null,
      () => new Recorder(),
    )
    expect(highlight).toBeNull()
    expect(byColor.size).toBeLessThanOrEqual(90)
    // every trial's rounded colour is within half a step of its own hue
    for (const id of ids.slice(0, 50)) {
      const near = Number(/hsla\(([\d.]+)/.exec(trialColorNear(id, 0.9, 4))![1])
      const own = trialHue(id)
      const d = Math.abs(((near - own + 540) % 360) - 180)
      expect(d).toBeLessThanOrEqual(2.0001)
    }
  })
})
