/** Number formatting shared by tables and charts. */
import type { MetricUnit } from '@/api/types'

const UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E']

/** 854_000_000 -> "854M", 1.2e12 -> "1.2T". */
export function si(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  const a = Math.abs(v)
  if (a < 1000) return String(Number(v.toPrecision(digits)))
  const e = Math.min(Math.floor(Math.log10(a) / 3), UNITS.length - 1)
  return `${Number((v / 1000 ** e).toPrecision(digits))}${UNITS[e]}`
}

export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  return `${(v * 100).toFixed(digits)}%`
}

/**
 * A value in the unit the metric catalog (`/api/metrics`) gives it: the one formatter of metric
 * values for tables, tooltips and chart axes. Fractions are percentages, losses and learning
 * rates plain numbers, throughputs SI-prefixed; `full` shows a digit more (tooltips, tables of
 * one trial). A value without a known unit is a plain number.
 */
export function formatMetric(
  v: number | null | undefined,
  unit: MetricUnit | null | undefined,
  detail: 'short' | 'full' = 'short',
): string {
  const more = detail === 'full' ? 1 : 0
  switch (unit) {
    case 'fraction':
      return pct(v, 1 + more)
    case 'images/s':
      return si(v, 3 + more)
    default:
      return fixed(v, 3 + more)
  }
}

export function fixed(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  return Number(v.toPrecision(digits)).toString()
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`
}

export function ago(t: number | null, now = Date.now()): string {
  if (t === null) return '–'
  return `${duration(Math.max(0, (now - t) / 1000))} ago`
}

export function paramValue(v: unknown): string {
  if (v === null || v === undefined) return '–'
  if (typeof v === 'number') return fixed(v, 4)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A stable colour per index, spread over the hue circle. */
export function seriesColor(i: number, alpha = 1): string {
  const hue = (i * 137.508) % 360
  return `hsla(${hue.toFixed(1)}, 65%, 45%, ${alpha})`
}

/** Viridis-like ramp from 0 (cool) to 1 (hot), for MAC shares and accuracies. */
export function ramp(t: number): string {
  const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1)
  const hue = 240 - 240 * x
  return `hsl(${hue.toFixed(0)}, 70%, ${(55 - 10 * x).toFixed(0)}%)`
}

/** The colour text on a `ramp(t)` background needs to stay readable (WCAG contrast): black or white. */
export function rampText(t: number): string {
  const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1)
  const [r, g, b] = hslToRgb(240 - 240 * x, 0.7, (55 - 10 * x) / 100)
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  const lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  // the better of the two contrasts: (L + 0.05) / 0.05 against black, 1.05 / (L + 0.05) against white
  return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? '#111' : '#fff'
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
  }
  return [f(0), f(8), f(4)]
}
