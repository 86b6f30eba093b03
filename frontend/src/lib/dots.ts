/**
 * Dot charts (the Pareto scatter, the optimisation history) past a few hundred trials: every
 * mark is stroked on one canvas instead of being an SVG element of its own, so 10,000 trials cost
 * one draw of a few hundred paths, not 10,000 DOM nodes with their listeners. Marks of one colour
 * class (hue quantised to {@link HUE_STEP}°, shape, faded or not) share one Path2D; the pointer
 * picks the nearest mark in one pass over the marks.
 */

/** Marks a chart draws as SVG elements (clickable, in the accessibility tree) at most. */
export const SVG_MAX = 400

/** Hue quantum on the canvas: 72 colour classes, a trial's hue moves by 2.5° at most. */
export const HUE_STEP = 5

export type Shape = 'circle' | 'triangle'

export interface Dot {
  id: string
  x: number
  y: number
  /** Radius in chart units. */
  r: number
  /** The trial's hue (lib/colors.ts trialHue). */
  hue: number
  shape: Shape
  /** Filled (completed) or hollow (a pruned trial in the history). */
  hollow: boolean
  /** Drawn faint (pruned in the scatter). */
  faded: boolean
  /** Ringed in the accent colour (on the Pareto front, an improvement in the history). */
  ring: boolean
}

/** The colour of a quantised hue, as lib/colors.ts draws trials. */
export function hueColor(hue: number, alpha = 1): string {
  return `hsla(${hue}, 68%, 44%, ${alpha})`
}

/** The dots grouped by what they are drawn with: quantised hue, shape, fill and fading. */
export function colourClasses(dots: readonly Dot[]): Map<string, Dot[]> {
  const out = new Map<string, Dot[]>()
  for (const d of dots) {
    const hue = (Math.round(d.hue / HUE_STEP) * HUE_STEP) % 360
    const key = `${hue}|${d.shape}|${d.hollow ? 1 : 0}|${d.faded ? 1 : 0}`
    let list = out.get(key)
    if (!list) out.set(key, (list = []))
    list.push(d)
  }
  return out
}

/** The dot nearest (x, y) within `maxDistance` (its radius counted), or null. */
export function nearestDot(
  dots: readonly Dot[],
  x: number,
  y: number,
  maxDistance = 6,
): Dot | null {
  let best: Dot | null = null
  let bestD = Infinity
  for (const d of dots) {
    const dx = d.x - x
    const dy = d.y - y
    const dist = Math.sqrt(dx * dx + dy * dy) - d.r
    if (dist < bestD) {
      bestD = dist
      best = d
    }
  }
  return bestD <= maxDistance ? best : null
}

function addShape(p: Path2D, d: Dot, r: number): void {
  if (d.shape === 'circle') {
    p.moveTo(d.x + r, d.y)
    p.arc(d.x, d.y, r, 0, 2 * Math.PI)
  } else {
    p.moveTo(d.x, d.y + r)
    p.lineTo(d.x - r, d.y - r * 0.8)
    p.lineTo(d.x + r, d.y - r * 0.8)
    p.closePath()
  }
}

const ACCENT = '#d9480f'

/**
 * Draws the dots on a context already scaled to chart units: one fill (or stroke, when hollow)
 * per colour class, the rings in one stroke, the highlighted trial last, larger, ringed in black.
 */
export function drawDots(
  g: CanvasRenderingContext2D,
  dots: readonly Dot[],
  highlighted: string | null,
): void {
  for (const [key, list] of colourClasses(dots)) {
    const [hue, , hollow, faded] = key.split('|')
    const path = new Path2D()
    for (const d of list) if (d.id !== highlighted) addShape(path, d, d.r)
    const color = hueColor(Number(hue), faded === '1' ? 0.3 : 0.85)
    if (hollow === '1') {
      g.fillStyle = 'white'
      g.fill(path)
      g.lineWidth = 1.5
      g.strokeStyle = color
      g.stroke(path)
    } else {
      g.fillStyle = color
      g.fill(path)
    }
  }
  const rings = new Path2D()
  for (const d of dots) if (d.ring && d.id !== highlighted) addShape(rings, d, d.r)
  g.lineWidth = 2
  g.strokeStyle = ACCENT
  g.stroke(rings)
  const h = highlighted === null ? undefined : dots.find((d) => d.id === highlighted)
  if (h) {
    const path = new Path2D()
    addShape(path, h, h.r + 2.5)
    g.fillStyle = h.hollow ? 'white' : hueColor(h.hue)
    g.fill(path)
    g.lineWidth = 2
    g.strokeStyle = 'black'
    g.stroke(path)
  }
}

/**
 * Sizes `canvas` for a chart of `width` × `height` units at the device's pixel ratio and returns
 * its context scaled to those units, cleared; null where there is no 2D context (tests).
 */
export function chartContext(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1
  canvas.width = width * dpr
  canvas.height = height * dpr
  const g = canvas.getContext('2d')
  if (!g) return null
  g.setTransform(dpr, 0, 0, dpr, 0, 0)
  g.clearRect(0, 0, width, height)
  return g
}

/** The pointer's position in chart units (the canvas is drawn at `width` × `height`). */
export function pointerAt(
  canvas: HTMLCanvasElement,
  e: MouseEvent,
  width: number,
  height: number,
): { x: number; y: number } {
  const r = canvas.getBoundingClientRect()
  return {
    x: ((e.clientX - r.left) * width) / Math.max(1, r.width),
    y: ((e.clientY - r.top) * height) / Math.max(1, r.height),
  }
}

/** A function that runs `draw` once on the next animation frame however often it is called. */
export function frameScheduler(draw: () => void): () => void {
  let pending = false
  return () => {
    if (pending || typeof requestAnimationFrame === 'undefined') return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      draw()
    })
  }
}
