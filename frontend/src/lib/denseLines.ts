/**
 * The dense chart's lines (CurveChart above its dense threshold): every trial's curve as a
 * sub-path of its colour's path, so thousands of trials are stroked in one call per colour instead
 * of one uPlot series each. Gaps (slots without a value) are spanned, as the uPlot series do; the
 * highlighted trial gets a path of its own, stroked last.
 */

/** What a path needs here (a `Path2D` in the browser). */
export interface PathLike {
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
}

export interface DenseCurve {
  id: string
  /** Values at the grid's slots; undefined where the curve has none. */
  ys: readonly (number | undefined)[]
}

export interface DensePaths<P> {
  /** One path per colour, in first-seen order. */
  byColor: Map<string, P>
  highlight: { path: P; color: string } | null
}

export function densePaths<P extends PathLike>(
  curves: readonly DenseCurve[],
  /** Each slot's x in pixels. */
  px: readonly number[],
  yPos: (value: number) => number,
  colorOf: (id: string) => string,
  highlighted: { id: string; color: string } | null,
  newPath: () => P,
): DensePaths<P> {
  const byColor = new Map<string, P>()
  let highlight: DensePaths<P>['highlight'] = null
  for (const { id, ys } of curves) {
    let path: P
    if (highlighted && id === highlighted.id) {
      path = newPath()
      highlight = { path, color: highlighted.color }
    } else {
      const color = colorOf(id)
      const known = byColor.get(color)
      if (known) path = known
      else byColor.set(color, (path = newPath()))
    }
    let started = false
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i]
      if (y === undefined) continue
      if (started) path.lineTo(px[i]!, yPos(y))
      else {
        path.moveTo(px[i]!, yPos(y))
        started = true
      }
    }
  }
  return { byColor, highlight }
}
