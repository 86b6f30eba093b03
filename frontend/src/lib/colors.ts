/**
 * One colour per trial, the same in every chart of every page: the curves, the legend, the
 * optimisation history, the scatter and the compare view. A trial id is `<sweep>-t<index>`; the
 * sweep's id picks a starting hue and the index walks the hue circle by the golden angle, so the
 * trials of one sweep are spread far apart and a trial keeps its colour wherever it is shown.
 */

/** 360° / φ²: consecutive indices land far apart on the circle, and never repeat. */
const GOLDEN_ANGLE = 137.50776405003785

/** FNV-1a, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The hue (0–360) of a trial, from its id alone. */
export function trialHue(id: string): number {
  const m = /^(.*?)(\d+)$/.exec(id)
  const base = hash(m ? m[1]! : id) % 360
  const index = m ? Number(m[2]) : 0
  return (base + index * GOLDEN_ANGLE) % 360
}

function hsla(hue: number, alpha: number): string {
  return `hsla(${hue.toFixed(1)}, 68%, 44%, ${alpha})`
}

/** Colours already written, by id and alpha: a chart asks again for each curve at every redraw. */
const written = new Map<string, string>()
const WRITTEN_MAX = 50_000

/** The colour of a trial (deterministic by id). */
export function trialColor(id: string, alpha = 1): string {
  const key = `${alpha}|${id}`
  let c = written.get(key)
  if (c === undefined) {
    if (written.size >= WRITTEN_MAX) written.clear()
    c = hsla(trialHue(id), alpha)
    written.set(key, c)
  }
  return c
}

/**
 * A trial's colour with its hue rounded to a multiple of `step` degrees: the dense chart strokes
 * every trial of one such colour in one call (at most 360 / step colours per alpha).
 */
export function trialColorNear(id: string, alpha: number, step: number): string {
  const key = `${alpha}|${step}|${id}`
  let c = written.get(key)
  if (c === undefined) {
    if (written.size >= WRITTEN_MAX) written.clear()
    c = hsla((Math.round(trialHue(id) / step) * step) % 360, alpha)
    written.set(key, c)
  }
  return c
}

/** The colour of the i-th group of a group-by (groups are ordered by their value). */
export function groupColor(i: number, alpha = 1): string {
  return hsla((20 + i * GOLDEN_ANGLE) % 360, alpha)
}
