import { computed, onMounted, ref, watch, type Ref } from 'vue'
import {
  SVG_MAX,
  chartContext,
  drawDots,
  frameScheduler,
  nearestDot,
  pointerAt,
  type Dot,
} from '@/lib/dots'

/**
 * A dot chart's canvas mode (lib/dots.ts), for a component whose items each have an `id`: past
 * SVG_MAX items the marks `toDot` makes are drawn on `canvas` (once per animation frame, again
 * when they or the highlight change); the pointer's nearest mark sets `hover` and a click selects
 * it (or clears the selection, as a click on the highlighted trial does).
 */
export function useDotCanvas<T extends { id: string }>(options: {
  items: () => readonly T[]
  toDot: (item: T) => Dot
  highlighted: () => string | null
  width: number
  height: number
  hover: Ref<T | null>
  select: (id: string | null) => void
}) {
  const onCanvas = computed(() => options.items().length > SVG_MAX)
  const svgItems = computed(() => (onCanvas.value ? [] : options.items()))
  const byId = computed(() => new Map(options.items().map((p) => [p.id, p])))
  const dots = computed<Dot[]>(() => (onCanvas.value ? options.items().map(options.toDot) : []))
  const canvas = ref<HTMLCanvasElement | null>(null)
  const scheduleDraw = frameScheduler(() => {
    const g =
      canvas.value && onCanvas.value
        ? chartContext(canvas.value, options.width, options.height)
        : null
    if (g) drawDots(g, dots.value, options.highlighted())
  })
  watch([dots, options.highlighted], scheduleDraw)
  onMounted(scheduleDraw)

  function markAt(e: MouseEvent): Dot | null {
    if (!canvas.value) return null
    const { x, y } = pointerAt(canvas.value, e, options.width, options.height)
    return nearestDot(dots.value, x, y)
  }
  function onMove(e: MouseEvent) {
    const d = markAt(e)
    options.hover.value = d ? (byId.value.get(d.id) ?? null) : null
  }
  function onPick(e: MouseEvent) {
    const d = markAt(e)
    options.select(d === null || d.id === options.highlighted() ? null : d.id)
  }
  return { onCanvas, svgItems, canvas, onMove, onPick }
}
