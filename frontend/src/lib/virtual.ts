/**
 * Virtual scrolling of fixed-height rows, pure: which rows a viewport shows and where to scroll to
 * bring a row into view. The cost of a scroll is the rows shown, whatever the row count.
 */

export interface RowWindow {
  /** First row to render (with the overscan). */
  first: number
  /** One past the last row to render. */
  end: number
  /** The rendered rows' offset from the top, px. */
  offset: number
  /** The whole list's height, px. */
  total: number
}

/** The rows to render for a viewport at `scrollTop`, `overscan` extra rows on each side. */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): RowWindow {
  const total = count * rowHeight
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0, offset: 0, total: 0 }
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewport))
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((top + viewport) / rowHeight) + overscan)
  return { first, end, offset: first * rowHeight, total }
}

/** The scrollTop that shows row `index` whole, moving as little as possible. */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
): number {
  const top = index * rowHeight
  const bottom = top + rowHeight
  if (top < scrollTop) return top
  if (bottom > scrollTop + viewport) return bottom - viewport
  return scrollTop
}

/** The row a key moves the active row to (null: the key is not a navigation key). */
export function keyTarget(
  key: string,
  active: number,
  count: number,
  pageRows: number,
): number | null {
  if (count <= 0) return null
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i))
  switch (key) {
    case 'ArrowDown':
      return clamp(active + 1)
    case 'ArrowUp':
      return clamp(active - 1)
    case 'PageDown':
      return clamp(active + Math.max(1, pageRows))
    case 'PageUp':
      return clamp(active - Math.max(1, pageRows))
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
