/** Pure helpers of the sweeps list: durations and the tags a user types. */
import type { Sweep } from '@/api/types'

const FINISHED = new Set(['completed', 'cancelled', 'failed'])

/**
 * How long a sweep has run, in seconds: from its creation to its last change once it has ended,
 * to `now` while it runs or is paused; null without a creation time.
 */
export function sweepDuration(
  s: Pick<Sweep, 'state' | 'createdAt' | 'updatedAt'>,
  now: number,
): number | null {
  if (s.createdAt === null) return null
  const end = FINISHED.has(s.state) ? (s.updatedAt ?? now) : now
  return Math.max(0, (end - s.createdAt) / 1000)
}

/** "aux, v1 ,, aux" -> ["aux", "v1"]: comma-separated, trimmed, blanks and repeats dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ]
}
